/** The message of anything thrown (ApiError and other Errors carry one; others become text). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
