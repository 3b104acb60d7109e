import { makeId } from "../../provider/id-form";
import { Props } from "../../provider/resource-provider";
import { resourceImplementations, ResourceTypeName } from "../../provider/resources";
import { Backend, FoundChannel } from "./discover";
import { Identifiers, ResourceName } from "./identifiers";

/**
 * The TypeScript Pulumi program that declares a discovered backend, every resource with its `import` option.
 * References between resources are the program's own (`channelArn: general.arn`), not literal ARNs, so the
 * program reads like one written by hand and its dependencies order deletes and replacements correctly.
 */

/** A TypeScript expression, written as is (not quoted as a string). */
class Code {
    constructor(readonly text: string) {}
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function literal(value: unknown, indent: string): string {
    if (value instanceof Code) return value.text;
    if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        const inner = indent + "    ";
        return `[\n${value.map((v) => `${inner}${literal(v, inner)},\n`).join("")}${indent}]`;
    }
    if (value && typeof value === "object") {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        if (entries.length === 0) return "{}";
        const inner = indent + "    ";
        const lines = entries.map(
            ([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)},\n`,
        );
        return `{\n${lines.join("")}${indent}}`;
    }
    return JSON.stringify(value);
}

interface Declaration {
    type: ResourceTypeName;
    name: ResourceName;
    args: Props;
    importId: string;
}

/** The import id of a resource of `type` made of these parts, in the form its schema declares. */
const idOf = (type: ResourceTypeName, ...parts: string[]) => makeId(resourceImplementations[type].schema.id, ...parts);

function render(d: Declaration): string {
    return (
        `const ${d.name.variable} = new chime.${d.type}(${JSON.stringify(d.name.logical)}, ${literal(d.args, "")}, ` +
        `{ import: ${JSON.stringify(d.importId)} });\n`
    );
}

export function programFor(backend: Backend, bearer: string): string {
    const names = new Identifiers();
    const declarations: Declaration[] = [];
    const refs = new Map<string, Code>();
    const declare = (d: Declaration, ref?: [string, string]) => {
        declarations.push(d);
        if (ref) refs.set(ref[0], new Code(`${d.name.variable}.${ref[1]}`));
        return d;
    };
    /** A reference to the program's resource with this ARN, or the ARN itself when the program has none. */
    const arnOf = (arn: string): unknown => refs.get(arn) ?? arn;

    const instanceName = String(backend.instance.props.name ?? "");
    const instance = declare(
        {
            type: "AppInstance",
            name: names.name([instanceName], "app instance"),
            args: backend.instance.props,
            importId: backend.instance.arn,
        },
        [backend.instance.arn, "arn"],
    );
    const appInstanceArn = new Code(`${instance.name.variable}.arn`);

    // Users and bots, by the name the program's memberships, moderators and bans refer to them with.
    const userNames = new Map<string, string>();
    const members = [
        ...backend.users.map((user) => ({
            ...user,
            type: "AppInstanceUser" as const,
            kind: "user",
            fallback: user.props.appInstanceUserId,
        })),
        ...backend.bots.map((bot) => ({ ...bot, type: "AppInstanceBot" as const, kind: "bot", fallback: "bot" })),
    ];
    for (const member of members) {
        const label = String(member.props.name || member.fallback);
        userNames.set(member.arn, label);
        declare(
            {
                type: member.type,
                name: names.name([label], member.kind),
                args: { ...member.props, appInstanceArn },
                importId: member.arn,
            },
            [member.arn, "arn"],
        );
    }
    const labelOf = (arn: string) => userNames.get(arn) ?? arn.slice(arn.lastIndexOf("/") + 1);

    // The bearer as the program's admin resource where it is one, so that every call made as it runs while it is
    // an admin (deletes included, which come before the admin's own).
    let bearerRef: unknown = arnOf(bearer);
    for (const adminArn of backend.admins) {
        const admin = declare({
            type: "AppInstanceAdmin",
            name: names.name([labelOf(adminArn)], "admin", true),
            args: { appInstanceArn, appInstanceAdminArn: arnOf(adminArn) },
            importId: adminArn,
        });
        if (adminArn === bearer) bearerRef = new Code(`${admin.name.variable}.appInstanceAdminArn`);
    }

    if (backend.retention) {
        declare({
            type: "AppInstanceRetentionSettings",
            name: names.name([], "retention settings"),
            args: { ...backend.retention, appInstanceArn },
            importId: backend.instance.arn,
        });
    }
    if (backend.streaming) {
        declare({
            type: "MessagingStreamingConfigurations",
            name: names.name([], "streaming configurations"),
            args: { ...backend.streaming, appInstanceArn },
            importId: backend.instance.arn,
        });
    }
    for (const flow of backend.flows) {
        declare(
            {
                type: "ChannelFlow",
                name: names.name([String(flow.props.name)], "flow"),
                args: { ...flow.props, appInstanceArn },
                importId: flow.arn,
            },
            [flow.arn, "arn"],
        );
    }
    for (const channel of backend.channels) declareChannel(channel);

    function declareChannel(channel: FoundChannel): void {
        const channelName = String(channel.props.name ?? "");
        const own = declare(
            {
                type: "Channel",
                name: names.name([channelName], "channel"),
                args: { ...channel.props, appInstanceArn, chimeBearer: bearerRef },
                importId: channel.arn,
            },
            [channel.arn, "arn"],
        );
        const channelArn = new Code(`${own.name.variable}.arn`);
        const about = (user: string, kind: string) => names.name([own.name.variable, labelOf(user)], kind, true);
        if (channel.flowArn) {
            declare({
                type: "ChannelFlowAssociation",
                name: names.name([own.name.variable], "flow association", true),
                args: { channelArn, channelFlowArn: arnOf(channel.flowArn), chimeBearer: bearerRef },
                importId: idOf("ChannelFlowAssociation", channel.arn, channel.flowArn),
            });
        }
        for (const m of channel.memberships) {
            declare({
                type: "ChannelMembership",
                name: about(m.memberArn, "membership"),
                args: { channelArn, memberArn: arnOf(m.memberArn), type: m.type, chimeBearer: bearerRef },
                importId: idOf("ChannelMembership", channel.arn, m.memberArn),
            });
        }
        for (const moderator of channel.moderators) {
            declare({
                type: "ChannelModerator",
                name: about(moderator, "moderator"),
                args: { channelArn, channelModeratorArn: arnOf(moderator), chimeBearer: bearerRef },
                importId: idOf("ChannelModerator", channel.arn, moderator),
            });
        }
        for (const banned of channel.bans) {
            declare({
                type: "ChannelBan",
                name: about(banned, "ban"),
                args: { channelArn, memberArn: arnOf(banned), chimeBearer: bearerRef },
                importId: idOf("ChannelBan", channel.arn, banned),
            });
        }
    }

    const header =
        `// Declares the Amazon Chime SDK messaging backend of ${backend.instance.arn}, as chime-import found it.\n` +
        `// Each resource's \`import\` option takes it over on the first \`pulumi up\`, with no create call; once that\n` +
        `// has run, the options can be removed (that shows no change).\n` +
        `import * as chime from "pulumi-chime-messaging";\n\n`;
    const exports = `\nexport const appInstanceArn = ${instance.name.variable}.arn;\n`;
    return header + declarations.map(render).join("") + exports;
}
