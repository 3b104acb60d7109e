// The stack `npm run bench:scale` measures: one app instance with an admin and `members` users, and `channels`
// channels that each have every user as a member. Config `variant`:
//   chime         this package, one ChannelMembership per member
//   chime-batch   this package, one ChannelMemberships per channel
//   chime-native  this package's native plugin (pulumi-resource-chime-messaging, found on PATH), one
//                 ChannelMembership per member, registered by type token as any Pulumi language does
//   trivial       the same graph of resources on a minimal dynamic provider that returns an id and echoes its inputs;
//                 its ids are ARN-like (the parent's ARN and a UUID), so both states hold about as much data
const crypto = require("crypto");
const pulumi = require("@pulumi/pulumi");
const chime = require("pulumi-chime-messaging");

const config = new pulumi.Config();
const variant = config.require("variant");
const channels = config.requireNumber("channels");
const members = config.requireNumber("members");

const trivialProvider = {
    async create(inputs) {
        const parent =
            inputs.channelArn ?? inputs.appInstanceArn ?? "arn:aws:chime:us-east-1:123456789012:app-instance";
        return { id: `${parent}/${crypto.randomUUID()}`, outs: inputs };
    },
};

class TrivialResource extends pulumi.dynamic.Resource {
    constructor(type, name, args, opts) {
        super(trivialProvider, name, args, opts, "trivial", type);
    }
}

/** A resource of the native plugin, by type token, with its `arn` output. */
class NativeResource extends pulumi.CustomResource {
    constructor(type, name, args, opts) {
        super(`chime-messaging:index:${type}`, name, { ...args, arn: undefined }, opts);
    }
}

/** The resource types of the variant: each takes (name, args, opts) and has an `arn` output. */
function resourceTypes() {
    if (variant === "chime-native") {
        const types = {};
        for (const name of ["AppInstance", "AppInstanceUser", "AppInstanceAdmin", "Channel", "ChannelMembership"]) {
            types[name] = class extends NativeResource {
                constructor(resourceName, args, opts) {
                    super(name, resourceName, args, opts);
                }
            };
        }
        return types;
    }
    if (variant !== "trivial") return chime;
    const type = (typeName) =>
        class extends TrivialResource {
            constructor(name, args, opts) {
                super(typeName, name, args, opts);
            }
        };
    const types = {};
    for (const name of [
        "AppInstance",
        "AppInstanceUser",
        "AppInstanceAdmin",
        "Channel",
        "ChannelMembership",
        "ChannelMemberships",
    ]) {
        types[name] = type(name);
    }
    return types;
}

const types = resourceTypes();
const arnOf = (resource) => (variant === "trivial" ? resource.id : resource.arn);

const app = new types.AppInstance("app", { name: "scale" });
const adminUser = new types.AppInstanceUser("admin", {
    appInstanceArn: arnOf(app),
    appInstanceUserId: "admin",
    name: "Admin",
});
const admin = new types.AppInstanceAdmin("admin", {
    appInstanceArn: arnOf(app),
    appInstanceAdminArn: arnOf(adminUser),
});
const users = Array.from({ length: members }, (_, i) => {
    const id = `member-${i}`;
    return new types.AppInstanceUser(id, { appInstanceArn: arnOf(app), appInstanceUserId: id, name: `Member ${i}` });
});
const chimeBearer = arnOf(adminUser);
const afterAdmin = { dependsOn: [admin] };

for (let c = 0; c < channels; c++) {
    const channel = new types.Channel(
        `channel-${c}`,
        { appInstanceArn: arnOf(app), name: `Channel ${c}`, chimeBearer },
        afterAdmin,
    );
    const channelArn = arnOf(channel);
    if (variant === "chime-batch") {
        new types.ChannelMemberships(
            `channel-${c}-members`,
            { channelArn, memberArns: users.map(arnOf), chimeBearer },
            afterAdmin,
        );
    } else {
        users.forEach((user, u) => {
            new types.ChannelMembership(
                `channel-${c}-member-${u}`,
                { channelArn, memberArn: arnOf(user), chimeBearer },
                afterAdmin,
            );
        });
    }
}
