import * as pulumi from "@pulumi/pulumi";

/**
 * The `arn` output of resources whose id is their ARN. It is taken from the id rather than from the provider's
 * outputs because the engine keeps the id known while a preview shows an update in place (dynamic providers
 * have no preview of their outputs), so resources that reference the ARN are not previewed as replaced.
 */
export function arnFromId(resource: pulumi.CustomResource): pulumi.Output<string> {
    return resource.id;
}
