import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BadRequestException,
    ConflictException,
    CreateAppInstanceUserCommand,
    DeleteAppInstanceUserCommand,
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceUserCommand,
    ListAppInstanceUsersCommand,
    ListTagsForResourceCommand,
    NotFoundException,
    PutAppInstanceUserExpirationSettingsCommand,
    RegisterAppInstanceUserEndpointCommand,
    UpdateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

const MISSING_INSTANCE = `arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/00000000-0000-0000-0000-000000000000`;

describe("identity: app instance users", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    it("creates a user whose ARN ends with its AppInstanceUserId, then describes, updates and deletes it", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: [] });
        const { AppInstanceUserArn } = await fx.identity.send(
            new CreateAppInstanceUserCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceUserId: "carol@example.com",
                Name: "Carol",
                Metadata: "role=tester",
                ExpirationSettings: { ExpirationDays: 7, ExpirationCriterion: "CREATED_TIMESTAMP" },
            }),
        );
        assert.equal(AppInstanceUserArn, `${appInstanceArn}/user/carol@example.com`);

        const user = (await fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn })))
            .AppInstanceUser!;
        assert.equal(user.AppInstanceUserArn, AppInstanceUserArn);
        assert.equal(user.Name, "Carol");
        assert.equal(user.Metadata, "role=tester");
        assert.deepEqual(user.ExpirationSettings, { ExpirationDays: 7, ExpirationCriterion: "CREATED_TIMESTAMP" });
        assert.ok(user.CreatedTimestamp instanceof Date);

        await fx.identity.send(
            new UpdateAppInstanceUserCommand({ AppInstanceUserArn, Name: "Caroline", Metadata: "" }),
        );
        const updated = (await fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn })))
            .AppInstanceUser!;
        assert.equal(updated.Name, "Caroline");
        assert.equal(updated.Metadata ?? "", "");
        assert.deepEqual(updated.ExpirationSettings, user.ExpirationSettings);

        await fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn }));
        const gone = await errorOf(() => fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn })));
        assert.ok(gone instanceof NotFoundException);
        assert.match(gone.message, /carol@example\.com/);
    });

    it("refuses a second user with the same id in the app instance, but not in another", async () => {
        const one = await createWorld(fx, { users: ["dup"] });
        const error = await errorOf(() =>
            fx.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: one.appInstanceArn,
                    AppInstanceUserId: "dup",
                    Name: "again",
                }),
            ),
        );
        assert.ok(error instanceof ConflictException);
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.match(error.message, new RegExp(one.users.dup));
        const kept = (await fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: one.users.dup })))
            .AppInstanceUser!;
        assert.equal(kept.Name, "dup");

        const two = await createWorld(fx, { users: ["dup"] });
        assert.notEqual(two.users.dup, one.users.dup);
    });

    it("answers NotFound for a missing app instance or user", async () => {
        const world = await createWorld(fx, { users: [] });
        const ghost = `${world.appInstanceArn}/user/ghost`;
        const calls = [
            () =>
                fx.identity.send(
                    new CreateAppInstanceUserCommand({
                        AppInstanceArn: MISSING_INSTANCE,
                        AppInstanceUserId: "u",
                        Name: "u",
                    }),
                ),
            () => fx.identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn: MISSING_INSTANCE })),
            () => fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: ghost })),
            () =>
                fx.identity.send(
                    new UpdateAppInstanceUserCommand({ AppInstanceUserArn: ghost, Name: "n", Metadata: "" }),
                ),
            () => fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: ghost })),
            () => fx.identity.send(new PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: ghost })),
        ];
        for (const call of calls) {
            const error = await errorOf(call);
            assert.ok(error instanceof NotFoundException, `${error.name}: ${error.message}`);
            assert.equal(error.$metadata?.httpStatusCode, 404);
        }
    });

    it("validates the user id, name and required update members, naming the field", async () => {
        const { appInstanceArn } = await createWorld(fx, { users: ["v"] });
        const badId = await errorOf(() =>
            fx.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: appInstanceArn,
                    AppInstanceUserId: "-bad id",
                    Name: "n",
                }),
            ),
        );
        assert.ok(badId instanceof BadRequestException);
        assert.match(badId.message, /appInstanceUserId/);

        const emptyName = await errorOf(() =>
            fx.identity.send(
                new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: "ok", Name: "" }),
            ),
        );
        assert.ok(emptyName instanceof BadRequestException);
        assert.match(emptyName.message, /name/);

        const noName = await errorOf(() =>
            fx.identity.send(
                new UpdateAppInstanceUserCommand({
                    AppInstanceUserArn: `${appInstanceArn}/user/v`,
                    Metadata: "m",
                } as never),
            ),
        );
        assert.ok(noName instanceof BadRequestException);
        assert.match(noName.message, /name is required/);
    });

    it("lists users page by page", async () => {
        const ids = ["a1", "a2", "a3", "a4", "a5"];
        const world = await createWorld(fx, { users: ids });
        const first = await fx.identity.send(
            new ListAppInstanceUsersCommand({ AppInstanceArn: world.appInstanceArn, MaxResults: 2 }),
        );
        assert.equal(first.AppInstanceArn, world.appInstanceArn);
        assert.equal(first.AppInstanceUsers!.length, 2);
        const rest = [];
        let token = first.NextToken;
        while (token) {
            const page = await fx.identity.send(
                new ListAppInstanceUsersCommand({
                    AppInstanceArn: world.appInstanceArn,
                    MaxResults: 2,
                    NextToken: token,
                }),
            );
            rest.push(...page.AppInstanceUsers!);
            token = page.NextToken;
        }
        const all = [...first.AppInstanceUsers!, ...rest];
        assert.deepEqual(
            all.map((u) => u.AppInstanceUserArn),
            ids.map((id) => world.users[id]),
        );
        assert.deepEqual(all[0], { AppInstanceUserArn: world.users.a1, Name: "a1" });

        const badMax = await errorOf(() =>
            fx.identity.send(new ListAppInstanceUsersCommand({ AppInstanceArn: world.appInstanceArn, MaxResults: 51 })),
        );
        assert.ok(badMax instanceof BadRequestException);
        assert.match(badMax.message, /maxResults/);
    });

    describe("expiration settings", () => {
        it("puts, replaces and removes a user's expiration settings", async () => {
            const world = await createWorld(fx, { users: ["exp"] });
            const AppInstanceUserArn = world.users.exp;
            const put = await fx.identity.send(
                new PutAppInstanceUserExpirationSettingsCommand({
                    AppInstanceUserArn,
                    ExpirationSettings: { ExpirationDays: 30, ExpirationCriterion: "CREATED_TIMESTAMP" },
                }),
            );
            assert.equal(put.AppInstanceUserArn, AppInstanceUserArn);
            assert.deepEqual(put.ExpirationSettings, { ExpirationDays: 30, ExpirationCriterion: "CREATED_TIMESTAMP" });
            const described = async () =>
                (await fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn }))).AppInstanceUser!;
            assert.equal((await described()).ExpirationSettings?.ExpirationDays, 30);

            const removed = await fx.identity.send(
                new PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn }),
            );
            assert.equal(removed.ExpirationSettings, undefined);
            assert.equal((await described()).ExpirationSettings, undefined);
        });

        it("accepts only CREATED_TIMESTAMP and 1 to 5475 days", async () => {
            const world = await createWorld(fx, { users: ["exp2"] });
            const criterion = await errorOf(() =>
                fx.identity.send(
                    new PutAppInstanceUserExpirationSettingsCommand({
                        AppInstanceUserArn: world.users.exp2,
                        ExpirationSettings: {
                            ExpirationDays: 1,
                            ExpirationCriterion: "LAST_MESSAGE_TIMESTAMP" as never,
                        },
                    }),
                ),
            );
            assert.ok(criterion instanceof BadRequestException);
            assert.match(criterion.message, /expirationCriterion/);
            const days = await errorOf(() =>
                fx.identity.send(
                    new CreateAppInstanceUserCommand({
                        AppInstanceArn: world.appInstanceArn,
                        AppInstanceUserId: "exp3",
                        Name: "exp3",
                        ExpirationSettings: { ExpirationDays: 5476, ExpirationCriterion: "CREATED_TIMESTAMP" },
                    }),
                ),
            );
            assert.ok(days instanceof BadRequestException);
            assert.match(days.message, /expirationDays/);
        });
    });

    it("deleting a user removes its admin role, endpoints and tags", async () => {
        const world = await createWorld(fx, { users: ["boss", "other"], admins: ["boss", "other"] });
        const boss = world.users.boss;
        await fx.identity.send(
            new RegisterAppInstanceUserEndpointCommand({
                AppInstanceUserArn: boss,
                Type: "GCM",
                ResourceArn: `arn:aws:mobiletargeting:${TEST_REGION}:${TEST_ACCOUNT}:apps/abc`,
                EndpointAttributes: { DeviceToken: "token" },
            }),
        );
        // Tags on creation are stored under the user's ARN.
        const tagged = await fx.identity.send(
            new CreateAppInstanceUserCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceUserId: "tagged",
                Name: "tagged",
                Tags: [{ Key: "team", Value: "red" }],
            }),
        );
        assert.deepEqual(
            (await fx.identity.send(new ListTagsForResourceCommand({ ResourceARN: tagged.AppInstanceUserArn }))).Tags,
            [{ Key: "team", Value: "red" }],
        );

        await fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: boss }));
        await fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: tagged.AppInstanceUserArn! }));

        const admin = await errorOf(() =>
            fx.identity.send(
                new DescribeAppInstanceAdminCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceAdminArn: boss,
                }),
            ),
        );
        assert.ok(admin instanceof NotFoundException);
        const otherAdmin = await fx.identity.send(
            new DescribeAppInstanceAdminCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceAdminArn: world.users.other,
            }),
        );
        assert.equal(otherAdmin.AppInstanceAdmin?.Admin?.Arn, world.users.other);
        assert.equal(fx.emulator.store.table("userEndpoints").partitionSize(boss), 0);
        assert.equal(fx.emulator.store.table("tags").partitionSize(tagged.AppInstanceUserArn!), 0);

        // The id is free again, and the new user starts without the old one's roles.
        await fx.identity.send(
            new CreateAppInstanceUserCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceUserId: "boss",
                Name: "b2",
            }),
        );
        const reborn = await errorOf(() =>
            fx.identity.send(
                new DescribeAppInstanceAdminCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceAdminArn: boss,
                }),
            ),
        );
        assert.ok(reborn instanceof NotFoundException);
    });
});
