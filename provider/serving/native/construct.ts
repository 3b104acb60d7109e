import * as pulumi from "@pulumi/pulumi";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { constructComponent } from "./components";
import { serializeResourceProperties, withConstructRuntime } from "./sdk-runtime";
import { toStruct } from "./struct-values";
import { typeOfToken } from "./tokens";

/**
 * The engine's Construct of one of the plugin's components, with @pulumi/pulumi's runtime pointed at the engine
 * for the call. Loaded by server.ts on the first Construct: nothing else in the plugin needs that runtime.
 */

/** The value of an Output that is always known (a URN). */
const known = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply((value) => resolve(value)));

export function construct(
    request: provproto.ConstructRequest,
    engineAddress: string,
): Promise<provproto.ConstructResponse> {
    const type = typeOfToken(request.getType());
    if (!type) throw new Error(`chime-messaging has no component ${request.getType()}`);
    return withConstructRuntime(request, engineAddress, async (inputs) => {
        const opts: pulumi.ComponentResourceOptions = {
            parent: request.getParent() ? new pulumi.DependencyResource(request.getParent()) : undefined,
            dependsOn: request.getDependenciesList().map((urn) => new pulumi.DependencyResource(urn)),
            protect: request.getProtect(),
        };
        const { urn, state } = constructComponent(type, request.getName(), inputs, opts);
        const response = new provproto.ConstructResponse();
        response.setUrn(await known(urn));
        const [serialized, dependencies] = await serializeResourceProperties(
            `construct(${request.getType()}, ${request.getName()})`,
            state,
        );
        response.setState(toStruct(serialized));
        for (const [key, resources] of dependencies) {
            const deps = new provproto.ConstructResponse.PropertyDependencies();
            deps.setUrnsList(await Promise.all([...resources].map((r) => known(r.urn))));
            response.getStatedependenciesMap().set(key, deps);
        }
        return response;
    });
}
