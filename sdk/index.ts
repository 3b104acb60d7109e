export { providerShim } from "./provider-shim";
