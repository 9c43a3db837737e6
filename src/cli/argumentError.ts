/** Node's parseArgs errors, said in Bahasa Indonesia for the `protap` commands. */

/** The Indonesian message for an error thrown by `parseArgs`. */
export function argumentError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `opsi tidak dikenal: ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `opsi ${option} memerlukan nilai`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'terlalu banyak argumen';
  return `argumen tidak dapat dibaca (${message})`;
}
