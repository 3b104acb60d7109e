import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    CreateAppInstanceCommand,
    GetAppInstanceRetentionSettingsCommand,
    PutAppInstanceRetentionSettingsCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { ProviderFixture, startProviderFixture } from "../helpers/provider-fixture";
import { ProviderHost, startHostAgainst, UNKNOWN } from "../helpers/provider-host";

/** Layer 3: AppInstanceRetentionSettings through Pulumi's own dynamic-provider host over gRPC. */
describe("AppInstanceRetentionSettings through the dynamic-provider host", () => {
    let pf: ProviderFixture;
    let host: ProviderHost;
    before(async () => {
        pf = await startProviderFixture();
        ({ host } = await startHostAgainst(pf.fx.url));
    });
    after(async () => {
        await host.stop();
        await pf.close();
    });

    it("previews, sets, changes in place, finds drift and turns retention off on delete", async () => {
        const { AppInstanceArn: appInstanceArn } = await pf.fx.identity.send(
            new CreateAppInstanceCommand({ Name: "kept" }),
        );
        const liveDays = async () =>
            (await pf.fx.identity.send(new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: appInstanceArn })))
                .AppInstanceRetentionSettings?.ChannelRetentionSettings?.RetentionDays;
        const retention = host.resource("AppInstanceRetentionSettings", "retention");

        assert.deepEqual(
            (await retention.check({}, { appInstanceArn: UNKNOWN, channelRetentionSettings: { retentionDays: 30 } }))
                .failures,
            [],
        );
        const bad = await retention.check({}, { appInstanceArn, channelRetentionSettings: { retentionDays: 0 } });
        assert.equal(bad.failures[0]?.property, "channelRetentionSettings");

        const { inputs } = await retention.check(
            {},
            { appInstanceArn, channelRetentionSettings: { retentionDays: 30 } },
        );
        const { id, properties } = await retention.create(inputs);
        assert.equal(id, appInstanceArn);
        assert.equal(await liveDays(), 30);
        assert.equal((await retention.diff(id, properties, inputs)).changes, "NONE");

        const longer = { ...inputs, channelRetentionSettings: { retentionDays: 45 } };
        assert.deepEqual(await retention.diff(id, properties, longer), {
            changes: "SOME",
            replaces: [],
            deleteBeforeReplace: false,
        });
        assert.deepEqual((await retention.diff(id, properties, { ...inputs, appInstanceArn: UNKNOWN })).replaces, [
            "appInstanceArn",
        ]);
        const updated = (await retention.update(id, properties, longer)).properties;
        assert.equal(await liveDays(), 45);

        await pf.fx.identity.send(
            new PutAppInstanceRetentionSettingsCommand({
                AppInstanceArn: appInstanceArn,
                AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 7 } },
            }),
        );
        const refreshed = await retention.read(id, updated);
        assert.deepEqual(refreshed.properties.channelRetentionSettings, { retentionDays: 7 });

        await retention.delete(id, refreshed.properties);
        assert.equal(await liveDays(), undefined);
        assert.equal((await retention.read(id, refreshed.properties)).id, "");
    });
});
