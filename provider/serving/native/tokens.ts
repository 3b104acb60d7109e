/**
 * The native plugin's package name and type tokens. `chime-messaging` names the package after the npm package
 * (`pulumi-chime-messaging`) and the API it covers, rather than all of Amazon Chime: the engine runs it as
 * `pulumi-resource-chime-messaging`, YAML programs write `chime-messaging:index:Channel`, and a future provider of
 * the rest of Chime would not clash with it. Every type is in the `index` module, as in pulumi-aws-native.
 */
export const PACKAGE_NAME = "chime-messaging";

export const PLUGIN_EXECUTABLE = `pulumi-resource-${PACKAGE_NAME}`;

/** `chime-messaging:index:<Type>`, for a resource, a component or an object type. */
export const typeToken = (type: string) => `${PACKAGE_NAME}:index:${type}`;

/** The type name of a token of this package (`Channel` of `chime-messaging:index:Channel`). */
export function typeOfToken(token: string): string | undefined {
    const [pkg, module, type] = token.split(":");
    return pkg === PACKAGE_NAME && module === "index" && type ? type : undefined;
}
