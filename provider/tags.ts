import * as messaging from "@aws-sdk/client-chime-sdk-messaging";
import * as identity from "@aws-sdk/client-chime-sdk-identity";
import { loadModel } from "../smithy/model";
import { describeViolation, validateShape } from "../smithy/validate";
import { Api } from "./api";
import { liveTags } from "./live-values";
import { Props } from "./resource-provider";
import { PropertySpec } from "./schema";

/**
 * Tags are a `{[key]: string}` map on the resource, changed with TagResource/UntagResource and read back with
 * ListTagsForResource. An update sends only the difference: one call for the added or changed keys, one for the
 * removed ones.
 */
export type TagMap = Record<string, string>;

const MAX_TAGS = 50;
/** Tag keys AWS keeps for itself; TagResource refuses them. */
const RESERVED_PREFIX = "aws:";

function validateTags(value: unknown): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return "must be a map of strings";
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length > MAX_TAGS) return `must have at most ${MAX_TAGS} tags, has ${entries.length}`;
    const model = loadModel("messaging");
    const problems: string[] = [];
    for (const [key, tagValue] of entries) {
        if (key.toLowerCase().startsWith(RESERVED_PREFIX)) {
            problems.push(
                `tag key ${JSON.stringify(key)} must not start with "${RESERVED_PREFIX}", which AWS reserves for its own tags`,
            );
        }
        for (const v of validateShape(model, model.shapeId("TagKey"), key, "key"))
            problems.push(`tag key ${JSON.stringify(key)}: ${describeViolation(v)}`);
        for (const v of validateShape(model, model.shapeId("TagValue"), tagValue, "value"))
            problems.push(`tag ${JSON.stringify(key)}: ${describeViolation(v)}`);
    }
    return problems.length > 0 ? `has invalid tags: ${problems.join("; ")}` : undefined;
}

export const tagsProperty = {
    change: "update",
    validate: validateTags,
    type: { map: "string" },
    doc: "Tags as a `{[key]: value}` map, at most 50; a change sends only the difference (TagResource, UntagResource)",
} satisfies PropertySpec;

export function tagList(tags: TagMap | undefined): { Key: string; Value: string }[] | undefined {
    const entries = Object.entries(tags ?? {});
    return entries.length > 0 ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
}

export type TagService = "messaging" | "identity";

const commands = {
    messaging: {
        tag: messaging.TagResourceCommand,
        untag: messaging.UntagResourceCommand,
        list: messaging.ListTagsForResourceCommand,
    },
    identity: {
        tag: identity.TagResourceCommand,
        untag: identity.UntagResourceCommand,
        list: identity.ListTagsForResourceCommand,
    },
};

export async function readTags(api: Api, service: TagService, arn: string): Promise<TagMap> {
    const out = await api.send(service, new commands[service].list({ ResourceARN: arn }), arn);
    return Object.fromEntries((out.Tags ?? []).map((t) => [t.Key!, t.Value!]));
}

export async function updateTags(
    api: Api,
    service: TagService,
    arn: string,
    oldTags: TagMap | undefined,
    newTags: TagMap | undefined,
): Promise<void> {
    const before = oldTags ?? {};
    const after = newTags ?? {};
    const removed = Object.keys(before).filter((k) => !(k in after));
    const upserted = Object.entries(after).filter(([k, v]) => before[k] !== v);
    if (removed.length > 0) {
        await api.send(service, new commands[service].untag({ ResourceARN: arn, TagKeys: removed }), arn);
    }
    if (upserted.length > 0) {
        const Tags = upserted.map(([Key, Value]) => ({ Key, Value }));
        await api.send(service, new commands[service].tag({ ResourceARN: arn, Tags }), arn);
    }
}

/** The resource's tags as read back, reported the way the program wrote them (see liveTags). */
export async function readLiveTags(
    api: Api,
    service: TagService,
    arn: string,
    recorded: unknown,
): Promise<TagMap | undefined> {
    return liveTags(await readTags(api, service, arn), recorded);
}

/** An update's tag calls: the difference between the old and new `tags`, when the update changed them. */
export async function updateChangedTags(
    api: Api,
    service: TagService,
    arn: string,
    olds: Props,
    news: Props,
    changed: string[],
): Promise<void> {
    if (changed.includes("tags")) {
        await updateTags(api, service, arn, olds.tags as TagMap | undefined, news.tags as TagMap | undefined);
    }
}
