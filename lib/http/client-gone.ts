// A page whose visitor went away mid-render (a navigation, a closed tab): React stops the
// render with this reason once the response stream errors, and Next logs that as an error
// ("⨯ Error: The destination stream errored while writing data."). It is no fault of the
// panel, and a newcomer takes it for one: server.ts logs it at debug instead. React gives
// this reason only for an error of the output stream, so no render error is hidden by it.
export const CLIENT_GONE_MESSAGE = "The destination stream errored while writing data.";

/** Whether console.error's arguments are only React's "the client went away" report. */
export function isClientGoneReport(args: readonly unknown[]): boolean {
  return args.some((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : "") === CLIENT_GONE_MESSAGE);
}

/** Routes those reports to `debug`; every other console.error is left as it is. */
export function quietClientGone(debug: (msg: string) => void, target: Pick<Console, "error"> = console): void {
  const error = target.error.bind(target);
  target.error = (...args: unknown[]) => {
    if (isClientGoneReport(args)) debug("page render stopped: the visitor went away");
    else error(...args);
  };
}
