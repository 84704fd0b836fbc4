// Message keys are checked at compile time: a t("…") of a key that no message file has fails tsc.
import type { Messages } from "./messages";

declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
  }
}
