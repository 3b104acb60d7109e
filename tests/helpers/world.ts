import {
    CreateAppInstanceAdminCommand,
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture } from "./emulator";

export interface World {
    appInstanceArn: string;
    /** AppInstanceUserId -> AppInstanceUserArn */
    users: Record<string, string>;
}

/**
 * Creates an app instance through the identity API, one AppInstanceUser per id in `users` (the id is the
 * AppInstanceUserId and the name), and makes the ids in `admins` app instance admins.
 */
export async function createWorld(
    fx: EmulatorFixture,
    opts: { users: string[]; admins?: string[]; name?: string },
): Promise<World> {
    const { AppInstanceArn } = await fx.identity.send(new CreateAppInstanceCommand({ Name: opts.name ?? "world" }));
    const appInstanceArn = AppInstanceArn!;
    const users: Record<string, string> = {};
    for (const id of opts.users) {
        const { AppInstanceUserArn } = await fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: id, Name: id }),
        );
        users[id] = AppInstanceUserArn!;
    }
    for (const id of opts.admins ?? []) {
        const adminArn = users[id];
        if (!adminArn) throw new Error(`createWorld: admin ${id} is not in users`);
        await fx.identity.send(
            new CreateAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: adminArn }),
        );
    }
    return { appInstanceArn, users };
}
