// One Hitscope for every worker of the run: started here, named by HITSCOPE_URL and
// HITSCOPE_TOKEN (the workers inherit the environment), stopped by the returned teardown.
import { startHitscope } from 'hitscope/playwright';

export default async function oneServer(): Promise<() => Promise<void>> {
  const server = await startHitscope();
  process.env.HITSCOPE_URL = server.url;
  process.env.HITSCOPE_TOKEN = server.token;
  return () => server.stop();
}
