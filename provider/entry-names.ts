/**
 * The name of a resource type's entry module: `pulumi-chime-messaging/providers/<name>`, the type in kebab case
 * (`ChannelMembership` → `channel-membership`). These paths are a stable part of the package: every resource's
 * serialized `__provider` in a stack's state loads one of them.
 */
export function entryModuleName(resourceType: string): string {
    return resourceType.replace(/[A-Z]/g, (letter, index: number) => (index ? "-" : "") + letter.toLowerCase());
}
