import type * as pulumi from "@pulumi/pulumi";
import type { ResourceTypeName } from "./resources";

/**
 * A resource type's provider whose methods load the implementation from the installed package when they run.
 * It is the whole export of that type's entry module (`pulumi-chime-messaging/providers/<type>`), so loading the
 * SDK in a program loads none of the implementation, and an installed package's serialized `__provider` is just
 * `require("pulumi-chime-messaging/providers/<type>")`. Outside `node_modules` (this repository's own tests) the
 * closure serializer copies this object by value instead, which is why the implementation is reached through the
 * package's name rather than a relative path.
 */
export function lazyProvider(resourceType: ResourceTypeName): pulumi.dynamic.ResourceProvider {
    const implementation = (): pulumi.dynamic.ResourceProvider =>
        require("pulumi-chime-messaging/provider").forType(resourceType);
    return {
        configure: (req) => implementation().configure!(req),
        check: (olds, news) => implementation().check!(olds, news),
        diff: (id, olds, news) => implementation().diff!(id, olds, news),
        create: (inputs) => implementation().create(inputs),
        read: (id, props) => implementation().read!(id, props),
        update: (id, olds, news) => implementation().update!(id, olds, news),
        delete: (id, props) => implementation().delete!(id, props),
    };
}
