// Services the components call besides the store: the API client and the connection's
// "retry now".
import { createContext, useContext } from 'react';
import type { ApiClient } from './api/client';

export interface Services {
  client: ApiClient;
  retryNow(): void;
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices needs a ServicesContext provider.');
  return services;
}
