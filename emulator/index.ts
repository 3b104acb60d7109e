export { startEmulator, EmulatorOptions, RunningEmulator, DEFAULT_ACCOUNT_ID } from "./server";
export { FaultSettings } from "./faults";
export { RateRule, DOCUMENTED_RATE_RULES } from "./rate-limits";
