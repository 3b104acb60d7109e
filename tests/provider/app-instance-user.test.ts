import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceCommand,
    DeleteAppInstanceUserCommand,
    DescribeAppInstanceUserCommand,
    PutAppInstanceUserExpirationSettingsCommand,
    UpdateAppInstanceUserCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { errorOf } from "../helpers/emulator";
import { liveTagsOf, mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";

describe("AppInstanceUser provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    let appInstanceArn: string;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("AppInstanceUser");
        appInstanceArn = pf.world.appInstanceArn;
    });
    after(() => pf.close());

    const describeLive = async (arn: string) =>
        (await pf.fx.identity.send(new DescribeAppInstanceUserCommand({ AppInstanceUserArn: arn }))).AppInstanceUser!;
    const liveTags = (arn: string) => liveTagsOf(pf, "identity", arn);
    const expiry = (days: number) => ({ expirationDays: days, expirationCriterion: "CREATED_TIMESTAMP" });

    it("creates the user with every property and outputs its ARN and timestamps", async () => {
        const user = await created(provider, {
            appInstanceArn,
            appInstanceUserId: "carol",
            name: "Carol",
            metadata: "m",
            expirationSettings: expiry(30),
            tags: { role: "support" },
        });
        assert.equal(user.id, `${appInstanceArn}/user/carol`);
        assert.equal(user.outs.arn, user.id);
        assert.match(user.outs.createdTimestamp, /Z$/);
        const live = await describeLive(user.id);
        assert.equal(live.Name, "Carol");
        assert.equal(live.Metadata, "m");
        assert.deepEqual(live.ExpirationSettings, { ExpirationDays: 30, ExpirationCriterion: "CREATED_TIMESTAMP" });
        assert.deepEqual(await liveTags(user.id), { role: "support" });
        assert.equal((await provider.diff!(user.id, user.outs, user.inputs)).changes, false);
        const refresh = await refreshed(provider, user);
        for (const key of [
            "appInstanceArn",
            "appInstanceUserId",
            "name",
            "metadata",
            "expirationSettings",
            "tags",
            "arn",
        ]) {
            assert.deepEqual(refresh.props[key], user.outs[key], `refresh keeps ${key}`);
        }
    });

    it("renames in place, sending the current metadata along, and changes metadata sending the name along", async () => {
        const user = await created(provider, {
            appInstanceArn,
            appInstanceUserId: "dave",
            name: "Dave",
            metadata: "keep",
        });
        const { result: renamed, calls } = await pf.counting(() => updatedInPlace(provider, user, { name: "David" }));
        assert.deepEqual(mutatingCalls(calls), { UpdateAppInstanceUser: 1 });
        let live = await describeLive(user.id);
        assert.deepEqual([live.Name, live.Metadata], ["David", "keep"]);
        const remeta = await updatedInPlace(provider, renamed, { metadata: "new" });
        live = await describeLive(user.id);
        assert.deepEqual([live.Name, live.Metadata], ["David", "new"]);
        const cleared = await updatedInPlace(provider, remeta, { metadata: undefined });
        assert.equal((await describeLive(user.id)).Metadata ?? "", "");
        assert.equal((await refreshed(provider, cleared)).props.metadata, undefined);
    });

    it("sets, changes and removes expiration settings in place (PutAppInstanceUserExpirationSettings)", async () => {
        const user = await created(provider, { appInstanceArn, appInstanceUserId: "erin", name: "Erin" });
        const { result: set, calls } = await pf.counting(() =>
            updatedInPlace(provider, user, { expirationSettings: expiry(7) }),
        );
        assert.deepEqual(mutatingCalls(calls), { PutAppInstanceUserExpirationSettings: 1 });
        assert.equal((await describeLive(user.id)).ExpirationSettings?.ExpirationDays, 7);
        const changed = await updatedInPlace(provider, set, { expirationSettings: expiry(90) });
        assert.equal((await describeLive(user.id)).ExpirationSettings?.ExpirationDays, 90);
        const removed = await updatedInPlace(provider, changed, { expirationSettings: undefined });
        assert.equal((await describeLive(user.id)).ExpirationSettings, undefined);
        assert.equal(
            (await provider.diff!(user.id, (await refreshed(provider, removed)).props, removed.inputs)).changes,
            false,
        );
    });

    it("changes tags in place", async () => {
        const user = await created(provider, {
            appInstanceArn,
            appInstanceUserId: "fay",
            name: "Fay",
            tags: { a: "1" },
        });
        await updatedInPlace(provider, user, { tags: { b: "2" } });
        assert.deepEqual(await liveTags(user.id), { b: "2" });
    });

    it("replaces the user (create before delete) when the app instance or the user id changes", async () => {
        const user = await created(provider, { appInstanceArn, appInstanceUserId: "gus", name: "Gus" });
        const byId = await diffWith(provider, user, { appInstanceUserId: "gustav" });
        assert.deepEqual(byId.replaces, ["appInstanceUserId"]);
        assert.equal(byId.deleteBeforeReplace, false);
        const { AppInstanceArn: other } = await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: "other" }));
        const byInstance = await diffWith(provider, user, { appInstanceArn: other });
        assert.deepEqual(byInstance.replaces, ["appInstanceArn"]);

        // The engine creates the replacement, then deletes the old user.
        const replacement = await created(provider, { ...user.inputs, appInstanceArn: other });
        await provider.delete!(user.id, user.outs);
        assert.equal(replacement.id, `${other}/user/gus`);
        assert.equal((await describeLive(replacement.id)).Name, "Gus");
        assert.equal((await errorOf(() => describeLive(user.id))).name, "NotFoundException");
    });

    it("finds drift made outside the stack on refresh, and the update puts it back", async () => {
        const user = await created(provider, {
            appInstanceArn,
            appInstanceUserId: "hal",
            name: "Hal",
            expirationSettings: expiry(10),
        });
        await pf.fx.identity.send(
            new UpdateAppInstanceUserCommand({ AppInstanceUserArn: user.id, Name: "HAL 9000", Metadata: "x" }),
        );
        await pf.fx.identity.send(new PutAppInstanceUserExpirationSettingsCommand({ AppInstanceUserArn: user.id }));
        const refresh = await refreshed(provider, user);
        assert.equal(refresh.props.name, "HAL 9000");
        assert.equal(refresh.props.metadata, "x");
        assert.equal(refresh.props.expirationSettings, undefined);
        const diff = await provider.diff!(user.id, refresh.props, user.inputs);
        assert.deepEqual([diff.changes, diff.replaces], [true, []]);
        await provider.update!(user.id, refresh.props, user.inputs);
        const live = await describeLive(user.id);
        assert.deepEqual([live.Name, live.Metadata ?? "", live.ExpirationSettings?.ExpirationDays], ["Hal", "", 10]);
    });

    it("reports a user deleted outside the stack as gone, and deletes for real", async () => {
        const user = await created(provider, { appInstanceArn, appInstanceUserId: "ivy", name: "Ivy" });
        await pf.fx.identity.send(new DeleteAppInstanceUserCommand({ AppInstanceUserArn: user.id }));
        assert.ok(!(await refreshed(provider, user)).id);
        await provider.delete!(user.id, user.outs);

        const kept = await created(provider, { appInstanceArn, appInstanceUserId: "jo", name: "Jo" });
        await provider.delete!(kept.id, kept.outs);
        assert.equal((await errorOf(() => describeLive(kept.id))).name, "NotFoundException");
    });

    it("refuses to take over a user id held by a user that differs from the program, naming what differs", async () => {
        const error = await errorOf(() =>
            created(provider, { appInstanceArn, appInstanceUserId: "alice", name: "Alice 2" }),
        );
        assert.match(
            error.message,
            /AppInstanceUser: the app instance user .*user\/alice already exists, but it differs from the program, so it was not taken over: name: declared "Alice 2", live "alice"$/,
        );
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const ok = { appInstanceArn, appInstanceUserId: "kim", name: "Kim" };
        const failures = await checkFailures(pf, provider, {});
        for (const property of ["appInstanceArn", "appInstanceUserId", "name"])
            assertFailure(failures, property, `${property} is required`);
        assertFailure(
            await checkFailures(pf, provider, { ...ok, appInstanceArn: "not-an-arn" }),
            "appInstanceArn",
            "pattern",
            "not-an-arn",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...ok, appInstanceArn: `${appInstanceArn}/user/alice` }),
            "appInstanceArn",
            "must be an app instance ARN",
        );
        assertFailure(
            await checkFailures(pf, provider, { ...ok, appInstanceUserId: "-bad-" }),
            "appInstanceUserId",
            "pattern",
        );
        assertFailure(
            await checkFailures(pf, provider, {
                ...ok,
                expirationSettings: { expirationDays: 0, expirationCriterion: "CREATED_TIMESTAMP" },
            }),
            "expirationSettings",
            "expirationDays",
            "0",
        );
        assertFailure(
            await checkFailures(pf, provider, {
                ...ok,
                expirationSettings: { expirationDays: 5, expirationCriterion: "LAST_MESSAGE_TIMESTAMP" },
            }),
            "expirationSettings",
            "expirationCriterion",
            "LAST_MESSAGE_TIMESTAMP",
        );
    });

    it("lets values unknown during a preview through check; an unknown app instance means a replacement", async () => {
        const inputs = await checked(provider, { appInstanceArn: UNKNOWN, appInstanceUserId: "lee", name: UNKNOWN });
        assert.equal(inputs.appInstanceArn, UNKNOWN);
        const user = await created(provider, { appInstanceArn, appInstanceUserId: "lee", name: "Lee" });
        const diff = await diffWith(provider, user, { appInstanceArn: UNKNOWN, name: UNKNOWN });
        assert.deepEqual(diff.replaces, ["appInstanceArn"]);
    });
});
