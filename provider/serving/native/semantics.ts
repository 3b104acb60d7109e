/** What the plugin's resource and configuration calls run, loaded by server.ts on the first such call. */
export { checkConfig, configure, diffConfig } from "./configuration";
export { nativeProvider } from "./provider";
export { runFunction } from "../../functions";
