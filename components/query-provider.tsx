"use client";
// A module of its own: importing it is what puts TanStack Query into a page's bundle. The
// pages that read through it wrap themselves in it (app/**/page.tsx); the shell does not,
// so pages without queries (the dashboard, the admin lists, the console, sign-in) never
// load the library.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

const newClient = () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
// One cache for the tab, so moving between pages keeps it (each page has a provider of its
// own); on the server a new one per render, never shared between requests.
let browserClient: QueryClient | undefined;

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => (typeof window === "undefined" ? newClient() : (browserClient ??= newClient())));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
