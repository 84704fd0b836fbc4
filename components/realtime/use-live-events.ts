"use client";
// One socket.io connection per tab, authenticated by the session cookie; components
// subscribe to domain events by name. The socket.io client is loaded on first use (a chunk
// of its own), so pages without live data never download it and pages with live data
// hydrate without waiting for it.
import { useEffect, useState } from "react";
import type { Socket } from "socket.io-client";
import type { EventMessage, EventType } from "@/lib/events/types";

let socket: Promise<Socket> | undefined;

function getSocket(): Promise<Socket> {
  socket ??= import("socket.io-client").then(({ io }) => io({ path: "/socket.io/", transports: ["websocket", "polling"] }));
  return socket;
}

/** Runs `attach` once the socket is there, unless the effect was cleaned up first. */
function withSocket(attach: (s: Socket) => () => void): () => void {
  let detach: (() => void) | undefined;
  let live = true;
  void getSocket().then((s) => {
    if (live) detach = attach(s);
  });
  return () => {
    live = false;
    detach?.();
  };
}

/** Outside React (a page's async flow): the events, and `onConnected` each time the socket is
 *  (re)connected, when events may have been missed. Returns the unsubscribe. */
export function subscribeLiveEvents(types: EventType[], onEvent: (e: EventMessage) => void, onConnected?: () => void): () => void {
  return withSocket((s) => {
    const handlers = types.map((type) => {
      const h = (msg: EventMessage) => onEvent({ ...msg, type });
      s.on(type, h);
      return [type, h] as const;
    });
    const connected = () => onConnected?.();
    s.on("connect", connected);
    if (s.connected) connected();
    return () => {
      for (const [type, h] of handlers) s.off(type, h);
      s.off("connect", connected);
    };
  });
}

export function useLiveEvents(types: EventType[], onEvent: (e: EventMessage) => void) {
  const key = types.join(",");
  useEffect(() => subscribeLiveEvents(key.split(",") as EventType[], onEvent), [key, onEvent]);
}

/** A socket.io message that is not a domain event (e.g. `vps.metrics`), with its payload. */
export function useSocketMessage<T>(name: string, onMessage: (message: T) => void) {
  useEffect(
    () =>
      withSocket((s) => {
        const h = (m: T) => onMessage(m);
        s.on(name, h);
        return () => {
          s.off(name, h);
        };
      }),
    [name, onMessage],
  );
}

/** A signal without data (e.g. lib/realtime/rooms.ts signalAdmins): the page re-reads. */
export function useLiveSignal(name: string, onSignal: () => void) {
  useEffect(
    () =>
      withSocket((s) => {
        const h = () => onSignal();
        s.on(name, h);
        return () => {
          s.off(name, h);
        };
      }),
    [name, onSignal],
  );
}

export function useLiveConnection(): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(
    () =>
      withSocket((s) => {
        const on = () => setConnected(true);
        const off = () => setConnected(false);
        setConnected(s.connected);
        s.on("connect", on);
        s.on("disconnect", off);
        s.on("connect_error", off);
        return () => {
          s.off("connect", on);
          s.off("disconnect", off);
          s.off("connect_error", off);
        };
      }),
    [],
  );
  return connected;
}

/** Runs after the socket reconnects (not on the first connect): time to refetch. */
export function useOnReconnect(onReconnect: () => void) {
  useEffect(
    () =>
      withSocket((s) => {
        let wasConnected = s.connected;
        const on = () => {
          if (wasConnected) onReconnect();
          wasConnected = true;
        };
        s.on("connect", on);
        return () => {
          s.off("connect", on);
        };
      }),
    [onReconnect],
  );
}
