import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceCommand,
    DescribeAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";
import { createWorld } from "../helpers/world";

describe("createWorld", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    it("creates an app instance, its users by id and its admins", async () => {
        const world = await createWorld(fx, { users: ["alice", "bob"], admins: ["alice"], name: "w" });
        assert.match(
            world.appInstanceArn,
            new RegExp(`^arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/[0-9a-f-]{36}$`),
        );
        assert.equal(world.users.alice, `${world.appInstanceArn}/user/alice`);
        assert.equal(world.users.bob, `${world.appInstanceArn}/user/bob`);

        const { AppInstance } = await fx.identity.send(
            new DescribeAppInstanceCommand({ AppInstanceArn: world.appInstanceArn }),
        );
        assert.equal(AppInstance?.Name, "w");
        assert.ok(AppInstance?.CreatedTimestamp instanceof Date);

        const { AppInstanceUser } = await fx.identity.send(
            new DescribeAppInstanceUserCommand({ AppInstanceUserArn: world.users.bob }),
        );
        assert.equal(AppInstanceUser?.Name, "bob");

        const { AppInstanceAdmin } = await fx.identity.send(
            new DescribeAppInstanceAdminCommand({
                AppInstanceArn: world.appInstanceArn,
                AppInstanceAdminArn: world.users.alice,
            }),
        );
        assert.deepEqual(AppInstanceAdmin?.Admin, { Arn: world.users.alice, Name: "alice" });
        assert.equal(AppInstanceAdmin?.AppInstanceArn, world.appInstanceArn);
    });
});
