"use client";
// One socket.io connection per tab, authenticated by the session cookie; components
// subscribe to domain events by name.
import { useEffect, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { EventMessage, EventType } from "@/lib/events/types";

let socket: Socket | undefined;

function getSocket(): Socket {
  socket ??= io({ path: "/socket.io/", transports: ["websocket", "polling"] });
  return socket;
}

export function useLiveEvents(types: EventType[], onEvent: (e: EventMessage) => void) {
  const key = types.join(",");
  useEffect(() => {
    const s = getSocket();
    const handlers = key.split(",").map((type) => {
      const h = (msg: EventMessage) => onEvent({ ...msg, type: type as EventType });
      s.on(type, h);
      return [type, h] as const;
    });
    return () => {
      for (const [type, h] of handlers) s.off(type, h);
    };
  }, [key, onEvent]);
}

export function useLiveConnection(): boolean {
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const s = getSocket();
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
  }, []);
  return connected;
}

/** Runs after the socket reconnects (not on the first connect): time to refetch. */
export function useOnReconnect(onReconnect: () => void) {
  useEffect(() => {
    const s = getSocket();
    let wasConnected = s.connected;
    const on = () => {
      if (wasConnected) onReconnect();
      wasConnected = true;
    };
    s.on("connect", on);
    return () => {
      s.off("connect", on);
    };
  }, [onReconnect]);
}
