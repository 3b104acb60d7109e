import * as pulumi from "@pulumi/pulumi";
import { ListTagsForResourceCommand as ListIdentityTags } from "@aws-sdk/client-chime-sdk-identity";
import { ListTagsForResourceCommand as ListMessagingTags } from "@aws-sdk/client-chime-sdk-messaging";
import { forType } from "../../provider";
import { Api } from "../../provider/api";
import { EmulatorFixture, startFixture } from "./emulator";
import { createWorld, World } from "./world";

/**
 * Layer 1 of the provider tests: the real provider objects (`forType(type)`, what a serialized `__provider`
 * loads) called directly against an in-process emulator. Points the provider's AWS clients at the emulator
 * through the environment, as a user's AWS_ENDPOINT_URL would, with no retries.
 *
 *     const pf = await startProviderFixture();            // emulator + app instance, users admin/alice/bob
 *     const channel = pf.provider("Channel");
 *     const { inputs } = await channel.check!({}, { appInstanceArn: pf.world.appInstanceArn, name: "n", chimeBearer: pf.admin });
 *     const { calls } = await pf.counting(() => channel.create(inputs!));   // calls: { CreateChannel: 1, ... }
 *     await pf.close();
 */
export interface ProviderFixture {
    fx: EmulatorFixture;
    world: World;
    /** An app instance admin's ARN, the usual bearer. */
    admin: string;
    provider(type: string): pulumi.dynamic.ResourceProvider;
    /** Runs `fn` and returns the API calls the emulator received meanwhile, by operation. */
    counting<T>(fn: () => Promise<T>): Promise<{ result: T; calls: Record<string, number> }>;
    close(): Promise<void>;
}

/** A resource's tags as the service lists them, read through the fixture's own client (not the provider). */
export async function liveTagsOf(
    pf: ProviderFixture,
    service: "identity" | "messaging",
    arn: string,
): Promise<Record<string, string>> {
    const { Tags } =
        service === "identity"
            ? await pf.fx.identity.send(new ListIdentityTags({ ResourceARN: arn }))
            : await pf.fx.messaging.send(new ListMessagingTags({ ResourceARN: arn }));
    return Object.fromEntries((Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

/** Operations that change nothing. */
export function isReadOnlyOperation(operation: string): boolean {
    return /^(Describe|List|Get)/.test(operation);
}

export function mutatingCalls(calls: Record<string, number>): Record<string, number> {
    return Object.fromEntries(Object.entries(calls).filter(([operation]) => !isReadOnlyOperation(operation)));
}

/**
 * `users`: AppInstanceUser ids, the first an app instance admin. `maxAttempts`: the provider's AWS_MAX_ATTEMPTS
 * (1, no retries, by default). The provider caches its clients per process, so a test file that needs another
 * value sets it here, before the first provider call.
 */
export async function startProviderFixture(
    users: string[] = ["admin", "alice", "bob"],
    maxAttempts = 1,
): Promise<ProviderFixture> {
    const fx = await startFixture();
    Object.assign(process.env, {
        AWS_ENDPOINT_URL: fx.url,
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY: "secret",
        AWS_MAX_ATTEMPTS: String(maxAttempts),
    });
    const world = await createWorld(fx, { users, admins: [users[0]] });
    return {
        fx,
        world,
        admin: world.users[users[0]],
        provider: forType,
        async counting(fn) {
            const before = new Map(fx.emulator.callCounts);
            const result = await fn();
            const calls: Record<string, number> = {};
            for (const [operation, count] of fx.emulator.callCounts) {
                const added = count - (before.get(operation) ?? 0);
                if (added > 0) calls[operation] = added;
            }
            return { result, calls };
        },
        close: () => fx.close(),
    };
}

/**
 * The Api a provider implementation calls through, for `type`, that runs `meanwhile` right after the service
 * answers a `Command`: another writer acting between the provider's write and its read-back.
 */
export function apiActingAfter(
    type: string,
    Command: abstract new (...args: never[]) => object,
    meanwhile: () => Promise<unknown>,
): Api {
    const api = new Api(type);
    const send = api.send.bind(api);
    api.send = (async (service, command, subject, region) => {
        const answer = await send(service, command, subject, region);
        if (command instanceof Command) await meanwhile();
        return answer;
    }) as Api["send"];
    return api;
}
