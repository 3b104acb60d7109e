import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceUserCommand,
    DeleteAppInstanceAdminCommand,
    DeleteAppInstanceUserCommand,
    DescribeAppInstanceAdminCommand,
    DescribeAppInstanceCommand,
    DescribeAppInstanceUserCommand,
    UpdateAppInstanceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { errorOf } from "../helpers/emulator";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { ProviderHost, startHostAgainst, UNKNOWN } from "../helpers/provider-host";

/** Layer 3: the identity resources driven through Pulumi's own dynamic-provider host over gRPC. */
describe("AppInstance, AppInstanceUser and AppInstanceAdmin through the dynamic-provider host", () => {
    let pf: ProviderFixture;
    let host: ProviderHost;
    before(async () => {
        pf = await startProviderFixture();
        const started = await startHostAgainst(pf.fx.url);
        host = started.host;
        assert.deepEqual(started.configured, { acceptSecrets: false });
    });
    after(async () => {
        await host.stop();
        await pf.close();
    });

    const describeInstance = async (arn: string) =>
        (await pf.fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn }))).AppInstance!;

    it("AppInstance: preview, create, no-op diff, update in place, drift, guarded delete and forceDestroy", async () => {
        const instance = host.resource("AppInstance", "chat");
        const preview = await instance.check({}, { name: UNKNOWN, tags: { env: "dev" } });
        assert.deepEqual(preview.failures, []);
        assert.equal(preview.inputs.name, UNKNOWN);

        const bad = await instance.check({}, { name: "", forceDestroy: "no" });
        assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["forceDestroy", "name"]);

        const { inputs } = await instance.check({}, { name: "Chat", metadata: "v1", tags: { env: "dev" } });
        const { id, properties } = await instance.create(inputs);
        assert.equal(properties.arn, id);
        assert.equal(properties.forceDestroy, false);
        assert.equal((await describeInstance(id)).Metadata, "v1");
        assert.equal((await instance.diff(id, properties, inputs)).changes, "NONE");

        const renamed = (await instance.check(inputs, { ...inputs, name: "Chat 2" })).inputs;
        assert.deepEqual(await instance.diff(id, properties, renamed), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const previewDiff = await instance.diff(id, properties, { ...inputs, name: UNKNOWN });
        assert.deepEqual([previewDiff.changes, previewDiff.replaces], ["SOME", []]);
        const updated = (await instance.update(id, properties, renamed)).properties;
        assert.deepEqual([(await describeInstance(id)).Name, (await describeInstance(id)).Metadata], ["Chat 2", "v1"]);

        await pf.fx.identity.send(
            new UpdateAppInstanceCommand({ AppInstanceArn: id, Name: "Chat 2", Metadata: "drifted" }),
        );
        const refreshed = await instance.read(id, updated);
        assert.equal(refreshed.id, id);
        assert.equal(refreshed.properties.metadata, "drifted");
        assert.equal(refreshed.inputs?.metadata, "drifted");
        assert.equal((await instance.diff(id, refreshed.properties, renamed)).changes, "SOME");

        await pf.fx.identity.send(
            new CreateAppInstanceUserCommand({ AppInstanceArn: id, AppInstanceUserId: "stray", Name: "stray" }),
        );
        const refused = await errorOf(() => instance.delete(id, refreshed.properties));
        assert.match(
            refused.message,
            /not deleted, because it still holds resources this stack does not manage: 1 users \(.*user\/stray\).*forceDestroy: true/,
        );
        assert.equal((await describeInstance(id)).Name, "Chat 2");

        const forced = (await instance.check(renamed, { ...renamed, forceDestroy: true })).inputs;
        assert.equal((await instance.diff(id, refreshed.properties, forced)).changes, "SOME");
        const forcedState = (await instance.update(id, refreshed.properties, forced)).properties;
        await instance.delete(id, forcedState);
        assert.equal((await errorOf(() => describeInstance(id))).name, "NotFoundException");
        assert.equal((await instance.read(id, forcedState)).id, "");
    });

    it("AppInstanceUser: create, update in place, replacement on a new user id, out-of-band deletion", async () => {
        const user = host.resource("AppInstanceUser", "carol");
        const appInstanceArn = pf.world.appInstanceArn;
        assert.deepEqual(
            (await user.check({}, { appInstanceArn: UNKNOWN, appInstanceUserId: "carol", name: "Carol" })).failures,
            [],
        );
        const { inputs } = await user.check({}, { appInstanceArn, appInstanceUserId: "carol", name: "Carol" });
        const { id, properties } = await user.create(inputs);
        assert.equal(id, `${appInstanceArn}/user/carol`);

        const news = (
            await user.check(inputs, {
                ...inputs,
                metadata: "m",
                expirationSettings: { expirationDays: 3, expirationCriterion: "CREATED_TIMESTAMP" },
            })
        ).inputs;
        assert.deepEqual(await user.diff(id, properties, news), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        const updated = (await user.update(id, properties, news)).properties;
        const live = (await pf.fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: id })))
            .AppInstanceUser!;
        assert.deepEqual([live.Metadata, live.ExpirationSettings?.ExpirationDays], ["m", 3]);

        const moved = (await user.check(news, { ...news, appInstanceUserId: "caroline" })).inputs;
        assert.deepEqual(await user.diff(id, updated, moved), {
            changes: "SOME",
            replaces: ["appInstanceUserId"],
            deleteBeforeReplace: false,
        });
        const previewDiff = await user.diff(id, updated, { ...news, appInstanceArn: UNKNOWN });
        assert.deepEqual(previewDiff.replaces, ["appInstanceArn"]);

        await pf.fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: id }));
        assert.equal((await user.read(id, updated)).id, "");
        await user.delete(id, updated);
    });

    it("AppInstanceAdmin: promote, delete-before-replace, demote, out-of-band demotion", async () => {
        const admin = host.resource("AppInstanceAdmin", "alice-admin");
        const appInstanceArn = pf.world.appInstanceArn;
        const wrong = await admin.check(
            {},
            { appInstanceArn, appInstanceAdminArn: "arn:aws:chime:us-east-1:123456789012:app-instance/x/user/alice" },
        );
        assert.equal(wrong.failures[0]?.property, "appInstanceAdminArn");
        assert.deepEqual((await admin.check({}, { appInstanceArn, appInstanceAdminArn: UNKNOWN })).failures, []);

        const { inputs } = await admin.check({}, { appInstanceArn, appInstanceAdminArn: pf.world.users.alice });
        const { id, properties } = await admin.create(inputs);
        assert.equal(properties.adminName, "alice");
        const describeAdmin = (arn: string) =>
            pf.fx.identity.send(
                new DescribeAppInstanceAdminCommand({ AppInstanceArn: appInstanceArn, AppInstanceAdminArn: arn }),
            );
        await describeAdmin(pf.world.users.alice);
        assert.equal((await admin.diff(id, properties, inputs)).changes, "NONE");
        assert.deepEqual(await admin.diff(id, properties, { ...inputs, appInstanceAdminArn: pf.world.users.bob }), {
            changes: "SOME",
            replaces: ["appInstanceAdminArn"],
            deleteBeforeReplace: true,
        });
        assert.equal((await admin.read(id, properties)).id, id);

        await pf.fx.identity.send(
            new DeleteAppInstanceAdminCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceAdminArn: pf.world.users.alice,
            }),
        );
        assert.equal((await admin.read(id, properties)).id, "");
        await admin.delete(id, properties);

        const again = await admin.create(inputs);
        await admin.delete(again.id, again.properties);
        assert.equal((await errorOf(() => describeAdmin(pf.world.users.alice))).name, "NotFoundException");
    });
});
