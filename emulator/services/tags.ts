import { badRequest, notFound, resourceLimitExceeded } from "../protocol/errors";
import { appInstanceArnOf, arnParts, findChannel, Tables } from "./tables";
import { MessagingHandlers } from "./types";

type TagOperation = "TagResource" | "UntagResource" | "ListTagsForResource";

/** The service quota on tags per resource. */
export const MAX_TAGS_PER_RESOURCE = 50;

export interface Tag {
    Key: string;
    Value: string;
}

/**
 * Whether `arn` names an existing taggable resource: an app instance, app instance user or bot, channel or
 * channel flow. Admins, memberships and the like have no ARN of their own.
 */
export function taggableResourceExists(tables: Tables, arn: string): boolean {
    const instance = appInstanceArnOf(arn);
    if (!instance) return false;
    if (arn === instance) return tables.appInstances.has(instance);
    const resource = arnParts(arn)?.resource ?? "";
    if (/^app-instance\/[^/]+\/user\/[^/]+$/.test(resource)) return tables.appInstanceUsers.has(instance, arn);
    if (/^app-instance\/[^/]+\/bot\/[^/]+$/.test(resource)) return tables.appInstanceBots.has(instance, arn);
    if (/^app-instance\/[^/]+\/channel\/[^/]+$/.test(resource)) return findChannel(tables, arn) !== undefined;
    if (/^app-instance\/[^/]+\/channel-flow\/[^/]+$/.test(resource)) return tables.channelFlows.has(instance, arn);
    return false;
}

/**
 * Sets tags on a resource, replacing the value of keys it already has; refuses (changing nothing) when the
 * resource would end up with more than MAX_TAGS_PER_RESOURCE tags. For creation operations that take `Tags`.
 */
export function storeTags(tables: Tables, arn: string, tags: readonly Tag[] | undefined): void {
    if (!tags || tags.length === 0) return;
    const keys = new Set(tables.tags.partition(arn).keys());
    for (const tag of tags) keys.add(tag.Key);
    if (keys.size > MAX_TAGS_PER_RESOURCE) {
        throw resourceLimitExceeded(
            `The resource ${arn} would have ${keys.size} tags; a resource can have at most ${MAX_TAGS_PER_RESOURCE} tags.`,
        );
    }
    for (const tag of tags) tables.tags.set(arn, tag.Key, { Key: tag.Key, Value: tag.Value });
}

/** Removes every tag of a deleted resource. */
export function deleteTagsOf(tables: Tables, arn: string): void {
    tables.tags.deletePartition(arn);
}

export function tagsOf(tables: Tables, arn: string): Tag[] {
    return [...tables.tags.partition(arn).values()].map((tag) => ({ Key: tag.Key, Value: tag.Value }));
}

/**
 * A Chime ARN of a resource that does not exist answers NotFoundException (the operations only document
 * BadRequestException, but the SDKs map NotFoundException to its class); an ARN that is not a Chime ARN at all is a
 * BadRequestException.
 */
function requireTaggableResource(tables: Tables, arn: string): void {
    if (!arnParts(arn)) throw badRequest(`The resource ARN ${arn} is not a valid Amazon Chime ARN.`);
    if (!taggableResourceExists(tables, arn)) throw notFound(`The resource ${arn} does not exist.`);
}

/** TagResource, UntagResource and ListTagsForResource, shared by both Chime services (one tag store). */
export function tagHandlers(tables: Tables): Pick<MessagingHandlers, TagOperation> {
    return {
        TagResource(input) {
            requireTaggableResource(tables, input.ResourceARN);
            storeTags(tables, input.ResourceARN, input.Tags);
            return {};
        },
        UntagResource(input) {
            requireTaggableResource(tables, input.ResourceARN);
            for (const key of input.TagKeys) tables.tags.delete(input.ResourceARN, key);
            return {};
        },
        ListTagsForResource(input) {
            requireTaggableResource(tables, input.ResourceARN);
            return { Tags: tagsOf(tables, input.ResourceARN) };
        },
    };
}
