import { describe, it, before, after } from "mocha";
import * as assert from "node:assert/strict";
import {
    BadRequestException,
    ConflictException,
    CreateAppInstanceCommand,
    DeleteAppInstanceCommand,
    DescribeAppInstanceCommand,
    GetAppInstanceRetentionSettingsCommand,
    ListAppInstancesCommand,
    NotFoundException,
    PutAppInstanceRetentionSettingsCommand,
    ResourceLimitExceededException,
    UpdateAppInstanceCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import { EmulatorFixture, errorOf, startFixture, TEST_ACCOUNT, TEST_REGION } from "../helpers/emulator";

const MISSING = `arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/00000000-0000-0000-0000-000000000000`;

describe("identity: app instances", () => {
    let fx: EmulatorFixture;
    before(async () => {
        fx = await startFixture();
    });
    after(() => fx.close());

    const create = async (Name: string, extra: { Metadata?: string; ClientRequestToken?: string } = {}) =>
        (await fx.identity.send(new CreateAppInstanceCommand({ Name, ...extra }))).AppInstanceArn!;

    it("creates, describes, updates and deletes an app instance", async () => {
        const start = Date.now();
        const arn = await create("first", { Metadata: "m1" });
        assert.match(arn, new RegExp(`^arn:aws:chime:${TEST_REGION}:${TEST_ACCOUNT}:app-instance/[0-9a-f-]{36}$`));

        const described = (await fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn })))
            .AppInstance!;
        assert.equal(described.AppInstanceArn, arn);
        assert.equal(described.Name, "first");
        assert.equal(described.Metadata, "m1");
        assert.ok(described.CreatedTimestamp!.getTime() >= start - 1000);
        assert.equal(described.LastUpdatedTimestamp!.getTime(), described.CreatedTimestamp!.getTime());

        const updated = await fx.identity.send(
            new UpdateAppInstanceCommand({ AppInstanceArn: arn, Name: "renamed", Metadata: "m2" }),
        );
        assert.equal(updated.AppInstanceArn, arn);
        const reread = (await fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn }))).AppInstance!;
        assert.equal(reread.Name, "renamed");
        assert.equal(reread.Metadata, "m2");
        assert.equal(reread.CreatedTimestamp!.getTime(), described.CreatedTimestamp!.getTime());

        await fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: arn }));
        const gone = await errorOf(() => fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn })));
        assert.ok(gone instanceof NotFoundException);
        assert.equal(gone.$metadata?.httpStatusCode, 404);
        assert.match(gone.message, new RegExp(arn));
    });

    it("answers NotFound for every operation on a missing app instance", async () => {
        const calls = [
            () => fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: MISSING })),
            () => fx.identity.send(new UpdateAppInstanceCommand({ AppInstanceArn: MISSING, Name: "n", Metadata: "" })),
            () => fx.identity.send(new DeleteAppInstanceCommand({ AppInstanceArn: MISSING })),
            () => fx.identity.send(new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: MISSING })),
        ];
        for (const call of calls) {
            const error = await errorOf(call);
            assert.ok(error instanceof NotFoundException, `${error.name}: ${error.message}`);
        }
    });

    it("validates names, metadata and ARNs, naming the field", async () => {
        const emptyName = await errorOf(() => fx.identity.send(new CreateAppInstanceCommand({ Name: "" })));
        assert.ok(emptyName instanceof BadRequestException);
        assert.match(emptyName.message, /name/);

        const longMetadata = await errorOf(() =>
            fx.identity.send(new CreateAppInstanceCommand({ Name: "n", Metadata: "x".repeat(1025) })),
        );
        assert.ok(longMetadata instanceof BadRequestException);
        assert.match(longMetadata.message, /metadata/);

        const badArn = await errorOf(() => fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: "bad" })));
        assert.ok(badArn instanceof BadRequestException);
        assert.match(badArn.message, /appInstanceArn/);
    });

    it("requires both Name and Metadata on update", async () => {
        const arn = await create("upd", { Metadata: "keep" });
        const noMetadata = await errorOf(() =>
            fx.identity.send(new UpdateAppInstanceCommand({ AppInstanceArn: arn, Name: "x" } as never)),
        );
        assert.ok(noMetadata instanceof BadRequestException);
        assert.match(noMetadata.message, /metadata is required/);
        const unchanged = (await fx.identity.send(new DescribeAppInstanceCommand({ AppInstanceArn: arn })))
            .AppInstance!;
        assert.equal(unchanged.Name, "upd");
        assert.equal(unchanged.Metadata, "keep");
    });

    it("answers a repeated ClientRequestToken with the first app instance, and a reused one with Conflict", async () => {
        const first = await create("idem", { ClientRequestToken: "token-1" });
        const again = await create("idem", { ClientRequestToken: "token-1" });
        assert.equal(again, first);
        const reused = await errorOf(() => create("other", { ClientRequestToken: "token-1" }));
        assert.ok(reused instanceof ConflictException);
    });

    it("lists the account's app instances page by page", async () => {
        const local = await startFixture();
        try {
            const created = [];
            for (let i = 0; i < 5; i++) {
                created.push(
                    (await local.identity.send(new CreateAppInstanceCommand({ Name: `i${i}`, Metadata: `m${i}` })))
                        .AppInstanceArn!,
                );
            }
            const first = await local.identity.send(new ListAppInstancesCommand({ MaxResults: 3 }));
            assert.equal(first.AppInstances!.length, 3);
            assert.ok(first.NextToken);
            const second = await local.identity.send(
                new ListAppInstancesCommand({ MaxResults: 3, NextToken: first.NextToken }),
            );
            assert.equal(second.NextToken, undefined);
            const listed = [...first.AppInstances!, ...second.AppInstances!];
            assert.deepEqual(
                listed.map((a) => a.AppInstanceArn),
                created,
            );
            assert.deepEqual(listed[0], { AppInstanceArn: created[0], Name: "i0", Metadata: "m0" });

            const badToken = await errorOf(() =>
                local.identity.send(new ListAppInstancesCommand({ NextToken: "garbage" })),
            );
            assert.ok(badToken instanceof BadRequestException);
        } finally {
            await local.close();
        }
    });

    it("allows 100 app instances per account, then ResourceLimitExceeded", async () => {
        const local = await startFixture();
        try {
            for (let i = 0; i < 100; i++) {
                await local.identity.send(new CreateAppInstanceCommand({ Name: `q${i}` }));
            }
            const error = await errorOf(() =>
                local.identity.send(new CreateAppInstanceCommand({ Name: "one-too-many" })),
            );
            assert.ok(error instanceof ResourceLimitExceededException);
            assert.equal(error.$metadata?.httpStatusCode, 400);
            assert.match(error.message, /100/);
            const all = [];
            let token: string | undefined;
            do {
                const page = await local.identity.send(new ListAppInstancesCommand({ NextToken: token }));
                all.push(...page.AppInstances!);
                token = page.NextToken;
            } while (token);
            assert.equal(all.length, 100);
        } finally {
            await local.close();
        }
    });

    describe("retention settings", () => {
        it("has none until put, then returns what was put with the deletion timestamp", async () => {
            const arn = await create("retention");
            const none = await fx.identity.send(new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: arn }));
            assert.equal(none.AppInstanceRetentionSettings, undefined);
            assert.equal(none.InitiateDeletionTimestamp, undefined);

            const put = await fx.identity.send(
                new PutAppInstanceRetentionSettingsCommand({
                    AppInstanceArn: arn,
                    AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 30 } },
                }),
            );
            assert.deepEqual(put.AppInstanceRetentionSettings, { ChannelRetentionSettings: { RetentionDays: 30 } });
            assert.ok(put.InitiateDeletionTimestamp instanceof Date);

            const got = await fx.identity.send(new GetAppInstanceRetentionSettingsCommand({ AppInstanceArn: arn }));
            assert.deepEqual(got.AppInstanceRetentionSettings, { ChannelRetentionSettings: { RetentionDays: 30 } });
            assert.equal(got.InitiateDeletionTimestamp!.getTime(), put.InitiateDeletionTimestamp!.getTime());
        });

        it("accepts 1 to 5475 retention days", async () => {
            const arn = await create("retention-range");
            for (const days of [0, 5476]) {
                const error = await errorOf(() =>
                    fx.identity.send(
                        new PutAppInstanceRetentionSettingsCommand({
                            AppInstanceArn: arn,
                            AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: days } },
                        }),
                    ),
                );
                assert.ok(error instanceof BadRequestException);
                assert.match(error.message, /retentionDays/);
            }
            await fx.identity.send(
                new PutAppInstanceRetentionSettingsCommand({
                    AppInstanceArn: arn,
                    AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 5475 } },
                }),
            );
        });

        it("requires AppInstanceRetentionSettings and refuses a missing app instance", async () => {
            const missing = await errorOf(() =>
                fx.identity.send(
                    new PutAppInstanceRetentionSettingsCommand({
                        AppInstanceArn: MISSING,
                        AppInstanceRetentionSettings: { ChannelRetentionSettings: { RetentionDays: 1 } },
                    }),
                ),
            );
            assert.ok(missing instanceof NotFoundException);
            const arn = await create("retention-required");
            const required = await errorOf(() =>
                fx.identity.send(new PutAppInstanceRetentionSettingsCommand({ AppInstanceArn: arn } as never)),
            );
            assert.ok(required instanceof BadRequestException);
            assert.match(required.message, /appInstanceRetentionSettings is required/);
        });
    });
});
