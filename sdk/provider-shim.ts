import * as pulumi from "@pulumi/pulumi";

/**
 * The `__provider` that Pulumi serializes into the state of every resource. It holds no implementation: each
 * method loads the provider from the installed package when it runs. So the serialized text is small, identical
 * across package versions (an upgrade shows no spurious diff), and refresh and delete always run the installed
 * code rather than the code of the version that created the resource. (This repository links itself into its
 * own node_modules, so its quickstart, examples and tests load it the same way.)
 */
export function providerShim(resourceType: string): pulumi.dynamic.ResourceProvider {
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
