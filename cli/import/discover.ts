import {
    ListAppInstanceAdminsCommand,
    ListAppInstanceBotsCommand,
    ListAppInstanceUsersCommand,
} from "@aws-sdk/client-chime-sdk-identity";
import {
    ChannelMembershipType,
    ChannelPrivacy,
    ListChannelBansCommand,
    ListChannelFlowsCommand,
    ListChannelMembershipsCommand,
    ListChannelMembershipsForAppInstanceUserCommand,
    ListChannelModeratorsCommand,
    ListChannelsCommand,
} from "@aws-sdk/client-chime-sdk-messaging";
import { Api } from "../../provider/api";
import { Props } from "../../provider/resource-provider";
import { resourceImplementations, ResourceTypeName } from "../../provider/resources";

/**
 * Reads everything under one app instance, as the package's own providers read it (each resource's `read`), so
 * that the program made from it declares exactly what an import compares with. Every listing is paged through.
 */

export interface FoundMembership {
    memberArn: string;
    type: ChannelMembershipType;
}

export interface FoundChannel {
    arn: string;
    /** The channel's declared properties, as Channel's read answers them. */
    props: Props;
    flowArn?: string;
    memberships: FoundMembership[];
    moderators: string[];
    bans: string[];
}

export interface Backend {
    instance: { arn: string; props: Props };
    users: { arn: string; props: Props }[];
    bots: { arn: string; props: Props }[];
    admins: string[];
    retention?: Props;
    streaming?: Props;
    flows: { arn: string; props: Props }[];
    channels: FoundChannel[];
}

/** What discovery tells its user on stderr: what it found, and what it could not read. */
export interface Report {
    found(what: string): void;
    unreadable(what: string, why: string): void;
}

/** Calls a paged listing until it has no next page, collecting each page's items. */
export async function allPages<T>(
    page: (nextToken: string | undefined) => Promise<{ items?: T[]; nextToken?: string }>,
): Promise<T[]> {
    const items: T[] = [];
    let nextToken: string | undefined;
    do {
        const answer = await page(nextToken);
        items.push(...(answer.items ?? []));
        nextToken = answer.nextToken;
    } while (nextToken);
    return items;
}

const PAGE = 50;

/**
 * What chime-import does with each resource type: each is here (a new type fails tsc until it is), either found
 * under the app instance or left out, and why. docs/import.md's table of ids shows it.
 */
export const DISCOVERY: Record<ResourceTypeName, "found" | { leftOut: string }> = {
    AppInstance: "found",
    AppInstanceUser: "found",
    AppInstanceAdmin: "found",
    AppInstanceBot: "found",
    AppInstanceRetentionSettings: "found",
    MessagingStreamingConfigurations: "found",
    ChannelFlowProcessorPermission: {
        leftOut: "a Lambda function's policy is not listed under the app instance: declare it with `import` by hand",
    },
    Channel: "found",
    ChannelFlow: "found",
    ChannelFlowAssociation: "found",
    ChannelMembership: "found",
    ChannelMemberships: { leftOut: "each membership is declared as a ChannelMembership; group them afterwards" },
    ChannelMembershipPreferences: {
        leftOut: "only the member itself may read them: declare them with `import` by hand",
    },
    ChannelModerator: "found",
    ChannelBan: "found",
};

/** Declared inputs only: the read's computed outputs (ARN, timestamps...) are not the program's to declare. */
function declaredOf(type: ResourceTypeName, live: Props, also: Props = {}): Props {
    const { schema } = resourceImplementations[type];
    const inputs = Object.keys(schema.inputs).filter((k) => schema.inputs[k].change !== "state");
    return Object.fromEntries(
        Object.entries({ ...live, ...also }).filter(([k, v]) => inputs.includes(k) && v !== undefined),
    );
}

export class Discovery {
    constructor(
        private readonly api: Api,
        private readonly appInstanceArn: string,
        private readonly bearer: string,
        private readonly report: Report,
    ) {}

    async run(): Promise<Backend> {
        const instance = await this.read("AppInstance", this.appInstanceArn, {});
        if (!instance) throw new Error(`there is no app instance ${this.appInstanceArn}`);
        const backend: Backend = {
            instance: { arn: this.appInstanceArn, props: declaredOf("AppInstance", instance) },
            users: await this.users(),
            bots: await this.bots(),
            admins: await this.admins(),
            retention: await this.appInstanceSetting("AppInstanceRetentionSettings"),
            streaming: await this.appInstanceSetting("MessagingStreamingConfigurations"),
            flows: await this.flows(),
            channels: await this.channels(),
        };
        this.report.found(`the app instance ${this.appInstanceArn}`);
        this.report.found(
            `${backend.users.length} users, ${backend.bots.length} bots, ${backend.admins.length} admins, ${backend.flows.length} channel flows`,
        );
        this.report.found(
            `retention settings: ${backend.retention ? "yes" : "none"}; streaming configurations: ${backend.streaming ? "yes" : "none"}`,
        );
        const count = (f: (c: FoundChannel) => unknown[]) => backend.channels.reduce((n, c) => n + f(c).length, 0);
        this.report.found(
            `${backend.channels.length} channels with ${count((c) => c.memberships)} memberships, ` +
                `${count((c) => c.moderators)} moderators, ${count((c) => c.bans)} bans, ` +
                `${backend.channels.filter((c) => c.flowArn).length} flow associations`,
        );
        return backend;
    }

    private read(type: ResourceTypeName, id: string, state: Props): Promise<Props | undefined> {
        return resourceImplementations[type].read(this.api, id, state);
    }

    /** A read that may be refused; a refusal is reported and skipped. */
    private async tryRead<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
        try {
            return await read();
        } catch (error) {
            this.report.unreadable(what, (error as Error).message);
            return undefined;
        }
    }

    private async users(): Promise<Backend["users"]> {
        const arns = await allPages(async (NextToken) => {
            const out = await this.api.send(
                "identity",
                new ListAppInstanceUsersCommand({ AppInstanceArn: this.appInstanceArn, MaxResults: PAGE, NextToken }),
            );
            return { items: out.AppInstanceUsers?.map((u) => u.AppInstanceUserArn!), nextToken: out.NextToken };
        });
        // The user id is the ARN's last part; the read answers the rest.
        return this.readEach("AppInstanceUser", "user", arns, (arn) => ({
            appInstanceUserId: arn.slice(arn.lastIndexOf("/") + 1),
        }));
    }

    private async bots(): Promise<Backend["bots"]> {
        const arns = await allPages(async (NextToken) => {
            const out = await this.api.send(
                "identity",
                new ListAppInstanceBotsCommand({ AppInstanceArn: this.appInstanceArn, MaxResults: PAGE, NextToken }),
            );
            return { items: out.AppInstanceBots?.map((b) => b.AppInstanceBotArn!), nextToken: out.NextToken };
        });
        return this.readEach("AppInstanceBot", "bot", arns);
    }

    /** Reads each listed resource as its provider does; one that cannot be read is reported and left out. */
    private async readEach(
        type: ResourceTypeName,
        what: string,
        arns: string[],
        also: (arn: string) => Props = () => ({}),
    ): Promise<{ arn: string; props: Props }[]> {
        const found: { arn: string; props: Props }[] = [];
        for (const arn of arns) {
            const live = await this.tryRead(`the ${what} ${arn}`, () => this.read(type, arn, {}));
            if (live) found.push({ arn, props: declaredOf(type, live, also(arn)) });
        }
        return found;
    }

    private async admins(): Promise<string[]> {
        const listed = await allPages(async (NextToken) => {
            const out = await this.api.send(
                "identity",
                new ListAppInstanceAdminsCommand({ AppInstanceArn: this.appInstanceArn, MaxResults: PAGE, NextToken }),
            );
            return { items: out.AppInstanceAdmins, nextToken: out.NextToken };
        });
        return listed.map((admin) => admin.Admin!.Arn!);
    }

    private async appInstanceSetting(type: ResourceTypeName): Promise<Props | undefined> {
        const live = await this.tryRead(`the app instance's ${type}`, () => this.read(type, this.appInstanceArn, {}));
        return live && declaredOf(type, live);
    }

    private async flows(): Promise<Backend["flows"]> {
        const listed = await allPages(async (NextToken) => {
            const out = await this.api.send(
                "messaging",
                new ListChannelFlowsCommand({ AppInstanceArn: this.appInstanceArn, MaxResults: PAGE, NextToken }),
            );
            return { items: out.ChannelFlows, nextToken: out.NextToken };
        });
        const flows: Backend["flows"] = [];
        for (const summary of listed) {
            const arn = summary.ChannelFlowArn!;
            const live = await this.tryRead(`the channel flow ${arn}`, () => this.read("ChannelFlow", arn, {}));
            if (live) flows.push({ arn, props: declaredOf("ChannelFlow", live) });
        }
        return flows;
    }

    /** Every privacy; private channels are listed only to an admin, else those the bearer belongs to. */
    private async channelArns(): Promise<string[]> {
        const arns = new Set<string>();
        for (const privacy of ["PUBLIC", "PRIVATE"] as ChannelPrivacy[]) {
            const listed = await this.tryRead(`the ${privacy} channels`, () => this.listChannels(privacy));
            if (listed) for (const arn of listed) arns.add(arn);
            else if (privacy === "PRIVATE") for (const arn of await this.bearerPrivateChannels()) arns.add(arn);
        }
        return [...arns];
    }

    private listChannels(privacy: ChannelPrivacy): Promise<string[]> {
        return allPages(async (NextToken) => {
            const command = new ListChannelsCommand({
                AppInstanceArn: this.appInstanceArn,
                Privacy: privacy,
                ChimeBearer: this.bearer,
                MaxResults: PAGE,
                NextToken,
            });
            const out = await this.api.send("messaging", command);
            return { items: out.Channels?.map((c) => c.ChannelArn!), nextToken: out.NextToken };
        });
    }

    private async bearerPrivateChannels(): Promise<string[]> {
        const memberships = await this.tryRead("the bearer's own channels", () =>
            allPages(async (NextToken) => {
                const command = new ListChannelMembershipsForAppInstanceUserCommand({
                    AppInstanceUserArn: this.bearer,
                    ChimeBearer: this.bearer,
                    MaxResults: PAGE,
                    NextToken,
                });
                const out = await this.api.send("messaging", command);
                return { items: out.ChannelMemberships, nextToken: out.NextToken };
            }),
        );
        const mine = (memberships ?? []).map((m) => m.ChannelSummary).filter((c) => c?.Privacy === "PRIVATE");
        if (mine.length > 0)
            this.report.found(
                `${mine.length} private channels the bearer belongs to (other private channels are not visible to it)`,
            );
        return mine.map((c) => c!.ChannelArn!);
    }

    private async channels(): Promise<FoundChannel[]> {
        const channels: FoundChannel[] = [];
        for (const arn of await this.channelArns()) {
            const live = await this.tryRead(`the channel ${arn}`, () =>
                this.read("Channel", arn, { chimeBearer: this.bearer }),
            );
            if (!live) continue;
            channels.push({
                arn,
                props: declaredOf("Channel", live, { appInstanceArn: this.appInstanceArn }),
                flowArn: live.channelFlowArn as string | undefined,
                memberships: await this.memberships(arn),
                moderators: (await this.tryRead(`the moderators of ${arn}`, () => this.moderators(arn))) ?? [],
                bans: (await this.tryRead(`the bans of ${arn}`, () => this.bans(arn))) ?? [],
            });
        }
        return channels;
    }

    private async memberships(channelArn: string): Promise<FoundMembership[]> {
        const found: FoundMembership[] = [];
        for (const type of ["DEFAULT", "HIDDEN"] as ChannelMembershipType[]) {
            const members = await this.tryRead(`the ${type} memberships of ${channelArn}`, () =>
                allPages(async (NextToken) => {
                    const command = new ListChannelMembershipsCommand({
                        ChannelArn: channelArn,
                        Type: type,
                        ChimeBearer: this.bearer,
                        MaxResults: PAGE,
                        NextToken,
                    });
                    const out = await this.api.send("messaging", command, channelArn);
                    return { items: out.ChannelMemberships, nextToken: out.NextToken };
                }),
            );
            for (const m of members ?? []) found.push({ memberArn: m.Member!.Arn!, type });
        }
        return found;
    }

    private moderators(channelArn: string): Promise<string[]> {
        return allPages(async (NextToken) => {
            const command = new ListChannelModeratorsCommand({
                ChannelArn: channelArn,
                ChimeBearer: this.bearer,
                MaxResults: PAGE,
                NextToken,
            });
            const out = await this.api.send("messaging", command, channelArn);
            return { items: out.ChannelModerators?.map((m) => m.Moderator!.Arn!), nextToken: out.NextToken };
        });
    }

    private bans(channelArn: string): Promise<string[]> {
        return allPages(async (NextToken) => {
            const command = new ListChannelBansCommand({
                ChannelArn: channelArn,
                ChimeBearer: this.bearer,
                MaxResults: PAGE,
                NextToken,
            });
            const out = await this.api.send("messaging", command, channelArn);
            return { items: out.ChannelBans?.map((b) => b.Member!.Arn!), nextToken: out.NextToken };
        });
    }
}
