import { BenchRequest, enc } from "./http";

/** The world the mixed workload runs in: made once, before the clock starts. */
export interface Fixture {
    appInstanceArn: string;
    adminArn: string;
    /** Users in no channel: CreateChannelMembership adds them. */
    spareUserArns: string[];
    /** Channels and, for each, the users that are members (senders). */
    channels: { arn: string; members: string[] }[];
}

/** Share of each kind of request in the mix (out of 100). */
export const MIX: [kind: string, share: number][] = [
    ["DescribeChannel", 20],
    ["ListChannelMemberships", 10],
    ["ListChannels", 10],
    ["DescribeAppInstanceUser", 10],
    ["SendChannelMessage", 20],
    ["ListChannelMessages", 10],
    ["CreateChannel", 10],
    ["CreateChannelMembership", 10],
];

/** Makes the n-th request of the mix: deterministic, spread over the fixture's channels and users. */
export class Workload {
    private readonly schedule: string[] = [];
    private membershipCursor = 0;

    constructor(private readonly fixture: Fixture) {
        // Smooth weighted round robin: the kinds interleave instead of running in blocks.
        const credit = new Map(MIX.map(([kind]) => [kind, 0]));
        for (let slot = 0; slot < 100; slot++) {
            for (const [kind, share] of MIX) credit.set(kind, credit.get(kind)! + share);
            const [chosen] = [...credit.entries()].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
            credit.set(chosen, credit.get(chosen)! - 100);
            this.schedule.push(chosen);
        }
    }

    kindOf(n: number): string {
        return this.schedule[n % this.schedule.length];
    }

    next(n: number): BenchRequest {
        const f = this.fixture;
        const channel = f.channels[n % f.channels.length];
        const member = channel.members[n % channel.members.length];
        const channelPath = `/channels/${enc(channel.arn)}`;
        switch (this.kindOf(n)) {
            case "DescribeChannel":
                return { method: "GET", path: channelPath, bearer: f.adminArn };
            case "ListChannelMemberships":
                return { method: "GET", path: `${channelPath}/memberships?max-results=50`, bearer: f.adminArn };
            case "ListChannels":
                return {
                    method: "GET",
                    path: `/channels?app-instance-arn=${enc(f.appInstanceArn)}&max-results=50`,
                    bearer: f.adminArn,
                };
            case "DescribeAppInstanceUser":
                return { method: "GET", path: `/app-instance-users/${enc(member)}` };
            case "SendChannelMessage":
                return {
                    method: "POST",
                    path: `${channelPath}/messages`,
                    bearer: member,
                    body: {
                        Content: `message ${n}`,
                        Type: "STANDARD",
                        Persistence: "PERSISTENT",
                        ClientRequestToken: `m-${n}`,
                    },
                };
            case "ListChannelMessages":
                return { method: "GET", path: `${channelPath}/messages?max-results=20`, bearer: member };
            case "CreateChannel":
                return {
                    method: "POST",
                    path: "/channels",
                    bearer: f.adminArn,
                    body: {
                        AppInstanceArn: f.appInstanceArn,
                        Name: `load-${n}`,
                        Mode: "UNRESTRICTED",
                        Privacy: "PUBLIC",
                        ClientRequestToken: `c-${n}`,
                    },
                };
            case "CreateChannelMembership": {
                // Every (channel, spare user) pair once: a new membership each time.
                const k = this.membershipCursor++;
                const target = f.channels[k % f.channels.length];
                const user = f.spareUserArns[Math.floor(k / f.channels.length) % f.spareUserArns.length];
                return {
                    method: "POST",
                    path: `/channels/${enc(target.arn)}/memberships`,
                    bearer: f.adminArn,
                    body: { MemberArn: user, Type: "DEFAULT" },
                };
            }
            default:
                throw new Error(`unknown request kind ${this.kindOf(n)}`);
        }
    }
}
