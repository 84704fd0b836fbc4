// The browser console (PRODUCT.md §10): asks the main site for a console (a `console`
// action), takes a single-use ticket and hands noVNC a WebSocket to the panel's
// /console/ws, which proxies to the hypervisor; the browser never learns where that is or
// its VNC password. While the main site works the page waits for the live event that
// resolves the request (a slow poll only if the socket cannot connect). noVNC is imported
// only here, when the page connects. States: asking
// the main site, connecting, connected, refused (no console), ended (with why, from the
// close code the panel sends), each with a way back in.
"use client";
import type RFB from "@novnc/novnc";
import Link from "next/link";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, isApiError } from "@/lib/api-client";
import { keysymsOf, MAX_PASTE_CHARS } from "@/lib/console/keysyms";
import { subscribeLiveEvents } from "@/components/realtime/use-live-events";
import type { VpsActionRequestView } from "@/lib/vps/vps-actions";

type Phase =
  | { kind: "requesting" }
  | { kind: "connecting" }
  | { kind: "connected" }
  | { kind: "refused"; message: string }
  | { kind: "ended"; code: number; reason: string };

const KNOWN_CODES = ["4000", "4001", "4002", "4003", "4004", "4005", "1001"] as const;
/** Only for a socket that cannot connect: the live events normally say when it is ready. */
const FALLBACK_POLL_MS = 15_000;
const WAIT_FOR_MAIN_SITE_MS = 90_000;

class Refused extends Error {}

/** Asks for a console (unless someone else's VPS: admins use the owner's) and waits for the main site. */
async function prepareConsole(vpsId: number, isOwner: boolean, signal: AbortSignal, timeoutMessage: string): Promise<void> {
  if (!isOwner) return;
  let requestId: number | null = null;
  try {
    const asked = await apiFetch<{ request: VpsActionRequestView }>(`/api/vps/${vpsId}/actions`, { body: { action: "console" }, signal });
    requestId = asked.request.id;
  } catch (err) {
    if (!isApiError(err) || err.status !== 409) throw err;
    // Another request is in flight: wait for it if it is a console, else try a console that is ready.
    const { requests } = await apiFetch<{ requests: VpsActionRequestView[] }>(`/api/vps/${vpsId}/actions`, { signal });
    const open = requests.find((r) => r.status === "pending" || r.status === "in_progress");
    if (open?.action === "console") requestId = open.id;
    else throw Object.assign(new Refused(err.message), { fallbackToTicket: true });
  }
  await waitForRequest(vpsId, requestId, signal, timeoutMessage);
}

/** Until the main site resolves the request: the live vps.action_* events carry it; the list
 *  is read when the socket (re)connects (events may have been missed) and every
 *  FALLBACK_POLL_MS in case the socket cannot connect at all. */
function waitForRequest(vpsId: number, requestId: number, signal: AbortSignal, timeoutMessage: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe();
      clearInterval(poller);
      clearTimeout(deadline);
      signal.removeEventListener("abort", onAbort);
      fn();
    };
    const seen = (r: VpsActionRequestView | undefined) => {
      if (!r || r.status === "pending" || r.status === "in_progress") return;
      settle(() => (r.status === "completed" ? resolve() : reject(new Refused(r.message ?? r.status))));
    };
    const read = () => {
      apiFetch<{ requests: VpsActionRequestView[] }>(`/api/vps/${vpsId}/actions`, { signal })
        .then(({ requests }) => seen(requests.find((r) => r.id === requestId)))
        .catch(() => {}); // the next read or event will tell
    };
    const onAbort = () => settle(() => reject(new DOMException("aborted", "AbortError")));
    const unsubscribe = subscribeLiveEvents(["vps.action_progress", "vps.action_resolved"], (e) => {
      const request = (e.payload as { request?: VpsActionRequestView }).request;
      if (request?.id === requestId) seen(request);
    }, read);
    const poller = setInterval(read, FALLBACK_POLL_MS);
    const deadline = setTimeout(() => settle(() => reject(new Refused(timeoutMessage))), WAIT_FOR_MAIN_SITE_MS);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}

export function ConsoleView({ vpsId, vpsName, isOwner }: { vpsId: number; vpsName: string; isOwner: boolean }) {
  const t = useTranslations("console");
  const screenRef = useRef<HTMLDivElement>(null);
  const frameRef = useRef<HTMLDivElement>(null);
  const rfbRef = useRef<RFB | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "requesting" });
  const [scale, setScale] = useState(true);
  const scaleRef = useRef(scale);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [pasteText, setPasteText] = useState("");
  const [notice, setNotice] = useState<string | null>(null);

  const teardown = useCallback(() => {
    abortRef.current?.abort();
    abortRef.current = null;
    const rfb = rfbRef.current;
    rfbRef.current = null;
    try {
      rfb?.disconnect();
    } catch {
      /* already gone */
    }
  }, []);

  const connect = useCallback(async () => {
    teardown();
    const abort = new AbortController();
    abortRef.current = abort;
    const { signal } = abort;
    setNotice(null);
    setPhase({ kind: "requesting" });
    try {
      let fallback: string | null = null;
      try {
        await prepareConsole(vpsId, isOwner, signal, t("reasons.timeout"));
      } catch (err) {
        if (err instanceof Refused && (err as Refused & { fallbackToTicket?: boolean }).fallbackToTicket) fallback = err.message;
        else throw err;
      }
      let ticket: { websocket: string };
      try {
        ticket = await apiFetch<{ websocket: string }>(`/api/vps/${vpsId}/console/ticket`, { method: "POST", signal });
      } catch (err) {
        if (isApiError(err) && err.status === 409) throw new Refused(fallback ?? err.message);
        throw err;
      }
      if (signal.aborted) return;
      setPhase({ kind: "connecting" });
      const { default: NoVnc } = await import("@novnc/novnc");
      if (signal.aborted || !screenRef.current) return;
      const url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${ticket.websocket}`;
      const ws = new WebSocket(url);
      ws.binaryType = "arraybuffer";
      ws.addEventListener("close", (e) => {
        if (rfbRef.current === null && !abortRef.current) return; // we disconnected on purpose
        setPhase({ kind: "ended", code: e.code, reason: e.reason });
        setNotice(null);
        rfbRef.current = null;
      });
      const rfb = new NoVnc(screenRef.current, ws, { shared: true });
      rfb.scaleViewport = scaleRef.current;
      rfb.background = "#020617";
      rfb.addEventListener("connect", () => {
        setPhase({ kind: "connected" });
        rfb.focus();
      });
      rfbRef.current = rfb;
    } catch (err) {
      if (signal.aborted || (err as Error).name === "AbortError") return;
      setPhase({ kind: "refused", message: (err as Error).message });
    }
  }, [vpsId, isOwner, teardown, t]);

  useEffect(() => {
    void connect();
    return teardown;
  }, [connect, teardown]);

  useEffect(() => {
    scaleRef.current = scale;
    if (rfbRef.current) rfbRef.current.scaleViewport = scale;
  }, [scale]);

  const disconnect = () => {
    const rfb = rfbRef.current;
    abortRef.current = null;
    rfbRef.current = null;
    rfb?.disconnect();
    setPhase({ kind: "ended", code: 1000, reason: "" });
  };

  const sendPaste = async () => {
    const keys = keysymsOf(pasteText.slice(0, MAX_PASTE_CHARS));
    setPasteOpen(false);
    setPasteText("");
    for (let i = 0; i < keys.length; i++) {
      const rfb = rfbRef.current;
      if (!rfb) return;
      rfb.sendKey(keys[i], null, true);
      rfb.sendKey(keys[i], null, false);
      // A few keys at a time: a text console reading a paste keeps up.
      if (i % 20 === 19) await new Promise((r) => setTimeout(r, 15));
    }
    setNotice(t("pasted", { n: keys.length }));
    rfbRef.current?.focus();
  };

  const connected = phase.kind === "connected";
  const endedWhy =
    phase.kind === "ended"
      ? (KNOWN_CODES as readonly string[]).includes(String(phase.code))
        ? t(`reasons.${String(phase.code) as (typeof KNOWN_CODES)[number]}`)
        : phase.code === 1000
          ? t("reasons.closed")
          : t("reasons.network")
      : null;

  return (
    <article className="space-y-4" aria-labelledby="console-title" data-testid="console" data-state={phase.kind} data-close-code={phase.kind === "ended" ? phase.code : undefined}>
      <div>
        <Link href={`/vps/${vpsId}`} className="inline-flex items-center gap-1 text-sm text-slate-600 hover:text-sky-700">
          <span aria-hidden>←</span> {t("back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center justify-between gap-3">
          <h1 id="console-title" className="min-w-0 truncate text-2xl font-semibold text-slate-900">{t("title", { name: vpsName })}</h1>
          <p role="status" aria-live="polite" className="flex items-center gap-2 text-sm text-slate-600" data-testid="console-status">
            <span aria-hidden className={`size-2 rounded-full ${connected ? "bg-emerald-500" : phase.kind === "ended" || phase.kind === "refused" ? "bg-slate-400" : "bg-amber-400 animate-pulse"}`} />
            {t(`states.${phase.kind}`)}
          </p>
        </div>
      </div>

      <div role="toolbar" aria-label={t("toolbar")} className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" aria-pressed={scale} onClick={() => setScale((s) => !s)} data-testid="console-scale">
          <span aria-hidden className={`inline-block size-3 rounded-sm border ${scale ? "border-sky-600 bg-sky-600" : "border-slate-400"}`} />
          {t("scale")}
        </Button>
        <Button variant="secondary" size="sm" disabled={!connected} onClick={() => void frameRef.current?.requestFullscreen?.()} data-testid="console-fullscreen">
          {t("fullscreen")}
        </Button>
        <Button variant="secondary" size="sm" disabled={!connected} onClick={() => rfbRef.current?.sendCtrlAltDel()} data-testid="console-cad">
          {t("ctrlAltDel")}
        </Button>
        <Button variant="secondary" size="sm" disabled={!connected} onClick={() => setPasteOpen(true)} data-testid="console-paste">
          {t("paste")}
        </Button>
        <span className="grow" />
        {connected ? (
          <Button variant="ghost" size="sm" onClick={disconnect} data-testid="console-disconnect">{t("disconnect")}</Button>
        ) : (
          <Button variant="primary" size="sm" disabled={phase.kind === "requesting" || phase.kind === "connecting"} onClick={() => void connect()} data-testid="console-reconnect">
            {t("reconnect")}
          </Button>
        )}
      </div>
      {notice && <p className="text-sm text-emerald-700" role="status">{notice}</p>}

      <div ref={frameRef} className="relative overflow-hidden rounded-lg border border-slate-800 bg-slate-950" data-testid="console-frame">
        <div ref={screenRef} className="h-[min(75vh,48rem)] w-full" data-testid="console-screen" />
        {!connected && (
          <div className="absolute inset-0 flex items-center justify-center bg-slate-950/90 p-6 text-center">
            {phase.kind === "requesting" || phase.kind === "connecting" ? (
              <div className="max-w-md space-y-3 text-slate-200" data-testid="console-waiting">
                <Spinner className="mx-auto size-8 text-sky-400" />
                <p className="text-base font-medium">{t(`states.${phase.kind}`)}</p>
                {phase.kind === "requesting" && <p className="text-sm text-slate-400">{t("states.requestingHint")}</p>}
              </div>
            ) : (
              <div className="max-w-md space-y-3 text-slate-200" role="alert" data-testid={phase.kind === "refused" ? "console-refused" : "console-ended"}>
                <p className="text-lg font-semibold text-white">{t(`states.${phase.kind}`)}</p>
                <p className="text-sm text-slate-300">{phase.kind === "refused" ? phase.message : endedWhy}</p>
                {phase.kind === "ended" && phase.reason && <p className="text-xs text-slate-400">{phase.reason}</p>}
                <Button onClick={() => void connect()} data-testid="console-reconnect-overlay">{t("reconnect")}</Button>
              </div>
            )}
          </div>
        )}
      </div>

      <Dialog
        open={pasteOpen}
        onClose={() => setPasteOpen(false)}
        title={t("pasteTitle")}
        testId="console-paste-dialog"
        footer={
          <>
            <Button variant="secondary" onClick={() => setPasteOpen(false)}>{t("cancel")}</Button>
            <Button onClick={() => void sendPaste()} disabled={pasteText.length === 0} data-testid="console-paste-send">{t("pasteSend")}</Button>
          </>
        }
      >
        <p>{t("pasteHint", { max: MAX_PASTE_CHARS.toLocaleString() })}</p>
        <label className="mt-3 block text-sm font-medium text-slate-700" htmlFor="console-paste-text">{t("pasteLabel")}</label>
        <textarea
          id="console-paste-text"
          className="mt-1 h-32 w-full rounded-md border border-slate-300 p-2 font-mono text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-sky-500"
          maxLength={MAX_PASTE_CHARS}
          value={pasteText}
          onChange={(e) => setPasteText(e.target.value)}
          data-testid="console-paste-text"
        />
      </Dialog>
    </article>
  );
}
