export { providerShim } from "./provider-shim";
export * from "./channel";
export * from "./channel-flow";
export * from "./channel-flow-association";
