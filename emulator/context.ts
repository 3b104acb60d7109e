import { ServiceName } from "../smithy/model";
import { FaultInjector } from "./faults";
import { OriginPolicy } from "./origin-policy";
import { Router } from "./protocol/router";
import { RateLimiter } from "./rate-limits";
import { ServiceHandlers } from "./services/types";
import { Store } from "./store";

/** What a running emulator's request handling works with: the API routes (server.ts) and the admin routes (admin.ts). */
export interface EmulatorContext {
    router: Router;
    handlers: Record<ServiceName, ServiceHandlers>;
    store: Store;
    faults: FaultInjector;
    originPolicy: OriginPolicy;
    rateLimiter: RateLimiter | undefined;
    accountId: string;
    callCounts: Map<string, number>;
    /** Set once close() starts: requests still waiting (added latency) must not change state any more. */
    closing: boolean;
    log: ((line: string) => void) | undefined;
    reset(): void;
}
