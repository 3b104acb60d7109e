import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceCommand,
    CreateAppInstanceUserCommand,
    DeleteAppInstanceAdminCommand,
    DeleteAppInstanceUserCommand,
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { errorOf } from "../helpers/emulator";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { assertFailure, checked, checkFailures, created, diffWith, refreshed } from "./app-instance-steps";

describe("AppInstanceAdmin provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let appInstanceArn: string;
    before(async () => {
        pf = await startProviderFixture(["root", "alice", "bob", "carol", "dan"]);
        provider = pf.provider("AppInstanceAdmin");
        appInstanceArn = pf.world.appInstanceArn;
    });
    after(() => pf.close());

    const isAdmin = async (userArn: string, instance = appInstanceArn) => {
        const error = await pf.fx.identity
            .send(new DescribeAppInstanceAdminCommand({ AppInstanceArn: instance, AppInstanceAdminArn: userArn }))
            .then(
                () => undefined,
                (e: Error) => e,
            );
        if (error && error.name !== "NotFoundException") throw error;
        return !error;
    };

    it("promotes a user, outputs its name and timestamp, and reads it back without drift", async () => {
        const admin = await created(provider, { appInstanceArn, appInstanceAdminArn: pf.world.users.alice });
        assert.equal(admin.id, pf.world.users.alice);
        assert.equal(admin.outs.adminName, "alice");
        assert.match(admin.outs.createdTimestamp, /Z$/);
        assert.ok(await isAdmin(pf.world.users.alice));
        assert.equal((await provider.diff!(admin.id, admin.outs, admin.inputs)).changes, false);
        const refresh = await refreshed(provider, admin);
        assert.equal(refresh.id, admin.id);
        assert.deepEqual(
            [refresh.props.appInstanceArn, refresh.props.appInstanceAdminArn, refresh.props.adminName],
            [appInstanceArn, pf.world.users.alice, "alice"],
        );
    });

    it("replaces delete-before-replace when the user or the app instance changes", async () => {
        const admin = await created(provider, { appInstanceArn, appInstanceAdminArn: pf.world.users.bob });
        const byUser = await diffWith(provider, admin, { appInstanceAdminArn: pf.world.users.carol });
        assert.deepEqual([byUser.replaces, byUser.deleteBeforeReplace], [["appInstanceAdminArn"], true]);

        const { AppInstanceArn: other } = await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: "other" }));
        const { AppInstanceUserArn: otherUser } = await pf.fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn: other, AppInstanceUserId: "bob", Name: "bob" }),
        );
        const byInstance = await diffWith(provider, admin, { appInstanceArn: other, appInstanceAdminArn: otherUser });
        assert.deepEqual(
            [[...(byInstance.replaces ?? [])].sort(), byInstance.deleteBeforeReplace],
            [["appInstanceAdminArn", "appInstanceArn"], true],
        );

        // The engine deletes the old admin first, then creates the new one.
        await provider.delete!(admin.id, admin.outs);
        const replacement = await created(provider, { appInstanceArn, appInstanceAdminArn: pf.world.users.carol });
        assert.equal(await isAdmin(pf.world.users.bob), false);
        assert.equal(await isAdmin(pf.world.users.carol), true);
        const bob = await pf.fx.identity.send(
            new DescribeAppInstanceUserCommand({ AppInstanceUserArn: pf.world.users.bob }),
        );
        assert.equal(bob.AppInstanceUser?.Name, "bob", "demoting does not delete the user");
        await provider.delete!(replacement.id, replacement.outs);
    });

    it("reports an admin demoted, or whose user was deleted, outside the stack as gone", async () => {
        const admin = await created(provider, { appInstanceArn, appInstanceAdminArn: pf.world.users.dan });
        await pf.fx.identity.send(
            new DeleteAppInstanceAdminCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceAdminArn: pf.world.users.dan,
            }),
        );
        assert.ok(!(await refreshed(provider, admin)).id);
        await provider.delete!(admin.id, admin.outs);

        const { AppInstanceUserArn: eve } = await pf.fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn: appInstanceArn, AppInstanceUserId: "eve", Name: "eve" }),
        );
        const eveAdmin = await created(provider, { appInstanceArn, appInstanceAdminArn: eve });
        await pf.fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: eve! }));
        assert.ok(!(await refreshed(provider, eveAdmin)).id);
    });

    it("demotes on delete, and fails clearly when the user does not exist", async () => {
        const admin = await created(provider, { appInstanceArn, appInstanceAdminArn: pf.world.users.carol });
        const { calls } = await pf.counting(() => provider.delete!(admin.id, admin.outs));
        assert.deepEqual(mutatingCalls(calls), { DeleteAppInstanceAdmin: 1 });
        assert.equal(await isAdmin(pf.world.users.carol), false);

        const ghost = `${appInstanceArn}/user/ghost`;
        const error = await errorOf(() => created(provider, { appInstanceArn, appInstanceAdminArn: ghost }));
        assert.match(error.message, /AppInstanceAdmin .*user\/ghost: CreateAppInstanceAdmin failed: NotFoundException/);
    });

    it("rejects bad inputs, including an admin from another app instance, before any API call", async () => {
        const failures = await checkFailures(pf, provider, {});
        assertFailure(failures, "appInstanceArn", "appInstanceArn is required");
        assertFailure(failures, "appInstanceAdminArn", "appInstanceAdminArn is required");
        assertFailure(
            await checkFailures(pf, provider, { appInstanceArn, appInstanceAdminArn: "bob" }),
            "appInstanceAdminArn",
            "pattern",
            '"bob"',
        );
        const elsewhere = "arn:aws:chime:us-east-1:123456789012:app-instance/other/user/bob";
        assertFailure(
            await checkFailures(pf, provider, { appInstanceArn, appInstanceAdminArn: elsewhere }),
            "appInstanceAdminArn",
            `a user or bot of the app instance ${appInstanceArn}`,
            elsewhere,
        );
    });

    it("lets values unknown during a preview through check", async () => {
        await checked(provider, { appInstanceArn: UNKNOWN, appInstanceAdminArn: UNKNOWN });
        await checked(provider, { appInstanceArn, appInstanceAdminArn: UNKNOWN });
    });
});
