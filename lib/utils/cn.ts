// Joins class names (clsx). It does not resolve Tailwind conflicts (no tailwind-merge: ~8.5 KB
// gzipped on every page): a component's className adds to its base classes and must not
// restate a utility the base sets (size, padding, colour…); components that let callers
// replace one take it as its own prop or variant.
import { clsx, type ClassValue } from "clsx";

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
