import {
    ChannelMembershipType,
    CreateChannelBanCommand,
    CreateChannelCommand,
    CreateChannelMembershipCommand,
    DescribeChannelMembershipCommand,
    ListChannelMembershipsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { errorOf } from "../helpers/emulator";
import { ProviderFixture } from "../helpers/provider-fixture";

/** Steps shared by the tests of the membership, moderator and ban resources. */

let channels = 0;

/** A channel made through the API (not through the provider under test), with the fixture's admin as bearer. */
export async function createChannel(
    pf: ProviderFixture,
    options: { mode?: "UNRESTRICTED" | "RESTRICTED" } = {},
): Promise<string> {
    const { ChannelArn } = await pf.fx.messaging.send(
        new CreateChannelCommand({
            AppInstanceArn: pf.world.appInstanceArn,
            Name: `channel-${++channels}`,
            Mode: options.mode,
            ChimeBearer: pf.admin,
            ClientRequestToken: `token-${channels}-${Date.now()}`,
        }),
    );
    return ChannelArn!;
}

/** Adds a member through the API (not through the provider under test), as `bearer`. */
export async function addMember(
    pf: ProviderFixture,
    channelArn: string,
    memberArn: string,
    bearer: string,
    type: ChannelMembershipType = "DEFAULT",
): Promise<void> {
    await pf.fx.messaging.send(
        new CreateChannelMembershipCommand({
            ChannelArn: channelArn,
            MemberArn: memberArn,
            Type: type,
            ChimeBearer: bearer,
        }),
    );
}

/** Bans a member through the API, with the fixture's admin as bearer. */
export async function banMember(pf: ProviderFixture, channelArn: string, memberArn: string): Promise<void> {
    await pf.fx.messaging.send(
        new CreateChannelBanCommand({ ChannelArn: channelArn, MemberArn: memberArn, ChimeBearer: pf.admin }),
    );
}

/** What a describe call answers, or undefined when the service refuses it with NotFoundException. */
export async function unlessNotFound<T>(describe: () => Promise<T>): Promise<T | undefined> {
    try {
        return await describe();
    } catch (error) {
        if ((error as Error).name === "NotFoundException") return undefined;
        throw error;
    }
}

/** The live membership, or undefined when the member does not belong to the channel. */
export async function liveMembership(pf: ProviderFixture, channelArn: string, memberArn: string) {
    const command = new DescribeChannelMembershipCommand({
        ChannelArn: channelArn,
        MemberArn: memberArn,
        ChimeBearer: pf.admin,
    });
    return unlessNotFound(async () => (await pf.fx.messaging.send(command)).ChannelMembership);
}

/** Every member ARN of the channel with the type, as the API lists them, besides the admin who created it. */
export async function liveMembers(
    pf: ProviderFixture,
    channelArn: string,
    type: ChannelMembershipType = "DEFAULT",
): Promise<string[]> {
    const members: string[] = [];
    let NextToken: string | undefined;
    do {
        const page = await pf.fx.messaging.send(
            new ListChannelMembershipsCommand({
                ChannelArn: channelArn,
                Type: type,
                MaxResults: 50,
                NextToken,
                ChimeBearer: pf.admin,
            }),
        );
        members.push(...(page.ChannelMemberships ?? []).map((m) => m.Member!.Arn!).filter((arn) => arn !== pf.admin));
        NextToken = page.NextToken;
    } while (NextToken);
    return members.sort();
}

export { errorOf };
