import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceCommand,
    DeleteAppInstanceCommand,
    GetAppInstanceRetentionSettingsCommand,
    PutAppInstanceRetentionSettingsCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import * as pulumi from "@pulumi/pulumi";
import { UNKNOWN } from "../../provider/unknowns";
import { mutatingCalls, ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import {
    assertFailure,
    checked,
    checkFailures,
    created,
    diffWith,
    refreshed,
    updatedInPlace,
} from "./app-instance-steps";

describe("AppInstanceRetentionSettings provider (layer 1: provider methods against the emulator)", () => {
    let pf: ProviderFixture;
    let provider: pulumi.dynamic.ResourceProvider;
    before(async () => {
        pf = await startProviderFixture();
        provider = pf.provider("AppInstanceRetentionSettings");
    });
    after(() => pf.close());

    const newInstance = async (name = "retained") =>
        (await pf.fx.identity.send(new CreateAppInstanceCommand({ Name: name }))).AppInstanceArn!;
    const liveDays = async (arn: string) =>
        (await pf.fx.identity.send(new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: arn })))
            .AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
    const days = (retentionDays: number) => ({ channelRetentionSettings: { retentionDays } });

    it("sets the retention, outputs when it took effect, and reads it back without drift", async () => {
        const appInstanceArn = await newInstance();
        const settings = await created(provider, { appInstanceArn, ...days(60) });
        assert.equal(settings.id, appInstanceArn);
        assert.equal(await liveDays(appInstanceArn), 60);
        assert.match(settings.outs.initiateDeletionTimestamp, /Z$/);
        assert.equal((await provider.diff!(settings.id, settings.outs, settings.inputs)).changes, false);
        const refresh = await refreshed(provider, settings);
        assert.deepEqual(refresh.props.channelRetentionSettings, { retentionDays: 60 });
        assert.equal(refresh.props.initiateDeletionTimestamp, settings.outs.initiateDeletionTimestamp);
    });

    it("changes the retention period in place", async () => {
        const appInstanceArn = await newInstance();
        const settings = await created(provider, { appInstanceArn, ...days(60) });
        const { result, calls } = await pf.counting(() => updatedInPlace(provider, settings, days(30)));
        assert.deepEqual(mutatingCalls(calls), { PutAppInstanceRetentionSettings: 1 });
        assert.equal(await liveDays(appInstanceArn), 30);
        assert.ok(result.outs.initiateDeletionTimestamp >= settings.outs.initiateDeletionTimestamp);
    });

    it("replaces when the app instance changes", async () => {
        const settings = await created(provider, { appInstanceArn: await newInstance(), ...days(5) });
        const diff = await diffWith(provider, settings, { appInstanceArn: await newInstance("other") });
        assert.deepEqual(diff.replaces, ["appInstanceArn"]);
    });

    it("turns retention off on delete, which is the service's default (messages are kept)", async () => {
        const appInstanceArn = await newInstance();
        const settings = await created(provider, { appInstanceArn, ...days(10) });
        const { calls } = await pf.counting(() => provider.delete!(settings.id, settings.outs));
        assert.deepEqual(mutatingCalls(calls), { PutAppInstanceRetentionSettings: 1 });
        assert.equal(await liveDays(appInstanceArn), undefined);
        assert.ok(!(await refreshed(provider, settings)).id, "without a retention period there is nothing left");
    });

    it("finds drift, and retention turned off or an app instance deleted outside the stack", async () => {
        const appInstanceArn = await newInstance();
        const settings = await created(provider, { appInstanceArn, ...days(10) });
        await pf.fx.identity.send(
            new PutAppInstanceRetentionSettingsCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 99 } },
            }),
        );
        const refresh = await refreshed(provider, settings);
        assert.deepEqual(refresh.props.channelRetentionSettings, { retentionDays: 99 });
        assert.equal((await provider.diff!(settings.id, refresh.props, settings.inputs)).changes, true);

        await pf.fx.identity.send(
            new PutAppInstanceRetentionSettingsCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceRetentionSettings: { ChannelRetentionSettings: {} },
            }),
        );
        assert.ok(!(await refreshed(provider, settings)).id);

        await pf.fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: appInstanceArn }));
        assert.ok(!(await refreshed(provider, settings)).id);
        await provider.delete!(settings.id, settings.outs); // the app instance is gone: nothing to do
    });

    it("rejects bad inputs naming the property, the rule and the value, before any API call", async () => {
        const appInstanceArn = await newInstance();
        const failures = await checkFailures(pf, provider, {});
        assertFailure(failures, "appInstanceArn", "appInstanceArn is required");
        assertFailure(failures, "channelRetentionSettings", "channelRetentionSettings is required");
        assertFailure(
            await checkFailures(pf, provider, { appInstanceArn, ...days(0) }),
            "channelRetentionSettings",
            "retentionDays",
            "0",
        );
        assertFailure(
            await checkFailures(pf, provider, { appInstanceArn, ...days(5476) }),
            "channelRetentionSettings",
            "5475",
        );
        assertFailure(
            await checkFailures(pf, provider, { appInstanceArn, channelRetentionSettings: {} }),
            "channelRetentionSettings",
            "must have retentionDays",
        );
    });

    it("lets values unknown during a preview through check", async () => {
        await checked(provider, { appInstanceArn: UNKNOWN, channelRetentionSettings: { retentionDays: UNKNOWN } });
    });
});
