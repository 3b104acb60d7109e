import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BadRequestException,
    ConflictException,
    CreateAppInstanceAdminCommand,
    CreateAppInstanceBotCommand,
    CreateAppInstanceUserCommand,
    DeleteAppInstanceAdminCommand,
    DescribeAppInstanceAdminCommand,
    ListAppInstanceAdminsCommand,
    NotFoundException,
    ResourceLimitExceededException,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

const MISSING_INSTANCE = `arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/00000000-0000-0000-0000-000000000000`;
const LEX_ALIAS = `arn:aws:lex:${TEST_REGION}:${TEST_ACCOUNT}:bot-alias/ABCDEFGHIJ/KLMNOPQRST`;

describe("identity: app instance admins", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const promote = (AppInstanceArn: string, AppInstanceAdminArn: string) =>
        fx.identity.send(new CreateAppInstanceAdminCommand({ AppInstanceArn, AppInstanceAdminArn }));

    it("promotes a user, describes, lists and demotes the admin", async () => {
        const world = await createWorld(fx, { users: ["ann", "ben"] });
        const created = await promote(world.appInstanceArn, world.users.ann);
        assert.deepEqual(created.AppInstanceAdmin, { Arn: world.users.ann, Name: "ann" });
        assert.equal(created.AppInstanceArn, world.appInstanceArn);

        const described = (
            await fx.identity.send(
                new DescribeAppInstanceAdminCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceAdminArn: world.users.ann,
                }),
            )
        ).AppInstanceAdmin!;
        assert.deepEqual(described.Admin, { Arn: world.users.ann, Name: "ann" });
        assert.equal(described.AppInstanceArn, world.appInstanceArn);
        assert.ok(described.CreatedTimestamp instanceof Date);

        const listed = await fx.identity.send(
            new ListAppInstanceAdminsCommand({ AppInstanceArn: world.appInstanceArn }),
        );
        assert.equal(listed.AppInstanceArn, world.appInstanceArn);
        assert.deepEqual(listed.AppInstanceAdmins, [{ Admin: { Arn: world.users.ann, Name: "ann" } }]);

        await fx.identity.send(
            new DeleteAppInstanceAdminCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceAdminArn: world.users.ann,
            }),
        );
        const emptied = await fx.identity.send(
            new ListAppInstanceAdminsCommand({ AppInstanceArn: world.appInstanceArn }),
        );
        assert.deepEqual(emptied.AppInstanceAdmins, []);
        const gone = await errorOf(() =>
            fx.identity.send(
                new DescribeAppInstanceAdminCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceAdminArn: world.users.ann,
                }),
            ),
        );
        assert.ok(gone instanceof NotFoundException);
        assert.match(gone.message, new RegExp(world.users.ann));
    });

    it("promotes a bot", async () => {
        const world = await createWorld(fx, { users: [] });
        const { AppInstanceBotArn } = await fx.identity.send(
            new CreateAppInstanceBotCommand({
                AppInstanceArn: world.appInstanceArn,
                Name: "helper-bot",
                Configuration: { Lex: { LexBotAliasArn: LEX_ALIAS, LocaleId: "en_US" } },
            }),
        );
        const created = await promote(world.appInstanceArn, AppInstanceBotArn!);
        assert.deepEqual(created.AppInstanceAdmin, { Arn: AppInstanceBotArn, Name: "helper-bot" });
    });

    it("refuses to promote an admin twice (Conflict)", async () => {
        const world = await createWorld(fx, { users: ["ann"], admins: ["ann"] });
        const error = await errorOf(() => promote(world.appInstanceArn, world.users.ann));
        assert.ok(error instanceof ConflictException);
        assert.equal(error.$metadata?.httpStatusCode, 409);
        assert.match(error.message, new RegExp(world.users.ann));
    });

    it("refuses a user that does not exist (NotFound) or belongs to another app instance (BadRequest)", async () => {
        const world = await createWorld(fx, { users: ["ann"] });
        const ghost = `${world.appInstanceArn}/user/ghost`;
        const missing = await errorOf(() => promote(world.appInstanceArn, ghost));
        assert.ok(missing instanceof NotFoundException);
        assert.match(missing.message, new RegExp(ghost));

        const elsewhere = await createWorld(fx, { users: ["stranger"] });
        const foreign = await errorOf(() => promote(world.appInstanceArn, elsewhere.users.stranger));
        assert.ok(foreign instanceof BadRequestException);
        assert.match(foreign.message, new RegExp(elsewhere.users.stranger));

        const listed = await fx.identity.send(
            new ListAppInstanceAdminsCommand({ AppInstanceArn: world.appInstanceArn }),
        );
        assert.deepEqual(listed.AppInstanceAdmins, []);
    });

    it("answers NotFound for a missing app instance or a user who is not an admin", async () => {
        const world = await createWorld(fx, { users: ["ann"] });
        const calls = [
            () => promote(MISSING_INSTANCE, world.users.ann),
            () => fx.identity.send(new ListAppInstanceAdminsCommand({ AppInstanceArn: MISSING_INSTANCE })),
            () =>
                fx.identity.send(
                    new DeleteAppInstanceAdminCommand({
                        AppInstanceArn: world.appInstanceArn,
                        AppInstanceAdminArn: world.users.ann,
                    }),
                ),
            () =>
                fx.identity.send(
                    new DescribeAppInstanceAdminCommand({
                        AppInstanceArn: MISSING_INSTANCE,
                        AppInstanceAdminArn: world.users.ann,
                    }),
                ),
        ];
        for (const call of calls) {
            const error = await errorOf(call);
            assert.ok(error instanceof NotFoundException, `${error.name}: ${error.message}`);
        }
    });

    it("validates the admin ARN, naming the field", async () => {
        const world = await createWorld(fx, { users: [] });
        const error = await errorOf(() => promote(world.appInstanceArn, "not-an-arn"));
        assert.ok(error instanceof BadRequestException);
        assert.match(error.message, /appInstanceAdminArn/);
    });

    it("allows 100 admins per app instance, then ResourceLimitExceeded", async () => {
        const world = await createWorld(fx, { users: [] });
        const users: string[] = [];
        for (let i = 0; i <= 100; i++) {
            const { AppInstanceUserArn } = await fx.identity.send(
                new CreateAppInstanceUserCommand({
                    AppInstanceArn: world.appInstanceArn,
                    AppInstanceUserId: `admin${i}`,
                    Name: `admin${i}`,
                }),
            );
            users.push(AppInstanceUserArn!);
        }
        for (const arn of users.slice(0, 100)) await promote(world.appInstanceArn, arn);
        const error = await errorOf(() => promote(world.appInstanceArn, users[100]));
        assert.ok(error instanceof ResourceLimitExceededException);
        assert.equal(error.$metadata?.httpStatusCode, 400);
        assert.match(error.message, /100 admins/);

        const admins = [];
        let token: string | undefined;
        do {
            const page = await fx.identity.send(
                new ListAppInstanceAdminsCommand({ AppInstanceArn: world.appInstanceArn, NextToken: token }),
            );
            admins.push(...page.AppInstanceAdmins!);
            token = page.NextToken;
        } while (token);
        assert.equal(admins.length, 100);
        assert.ok(!admins.some((a) => a.Admin?.Arn === users[100]));
    });
});
