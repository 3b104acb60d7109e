import * as pulumi from "@pulumi/pulumi";
import { appInstanceWithAdminChildren } from "../../../sdk/nodejs/components/app-instance-with-admin";
import { channelFlowWithPermissionsChildren } from "../../../sdk/nodejs/components/channel-flow-with-permissions";
import { implementationOf } from "../../resources";
import { typeToken } from "./tokens";

/**
 * The components the plugin constructs (the engine's Construct), so that they exist in every language: the same
 * wiring as the TypeScript SDK's classes (sdk/components/), with the plugin's own resources as children.
 */

type ExtraInput =
    | { doc: string; type: "string"; required?: boolean }
    | { doc: string; objectOf: string; typeName: string; leaveOut: string[]; optional: string[]; required?: boolean };

/** How the package schema presents a component: its inputs are those of a resource, with some left out or added. */
export interface ComponentSpec {
    type: string;
    description: string;
    inputsOf: string;
    leaveOut?: string[];
    extraInputs: Record<string, ExtraInput>;
    /** Output name -> description; every output is a string. */
    outputs: Record<string, string>;
}

export const COMPONENTS: ComponentSpec[] = [
    {
        type: "AppInstanceWithAdmin",
        description:
            "An app instance with an admin: the AppInstance (named like the component), an AppInstanceUser and the " +
            "AppInstanceAdmin that promotes it (both `<name>-admin`). `bearerArn` is the admin's ARN as the " +
            "AppInstanceAdmin answers it, so channel resources that take it as their `chimeBearer` wait until the " +
            "user really is an admin.",
        inputsOf: "AppInstance",
        extraInputs: {
            admin: {
                doc: 'The admin user: by default `{appInstanceUserId: "admin"}`.',
                objectOf: "AppInstanceUser",
                typeName: "AdminUser",
                leaveOut: ["appInstanceArn"],
                optional: ["appInstanceUserId"],
            },
        },
        outputs: {
            appInstanceArn: "The app instance ARN.",
            bearerArn: "The ARN to pass as `chimeBearer`: the admin user's, known once it is an AppInstanceAdmin.",
        },
    },
    {
        type: "ChannelFlowWithPermissions",
        description:
            "A channel flow with its processors' Lambda permissions built in: one ChannelFlowProcessorPermission per " +
            "processor (`<name>-<index>`), and the ChannelFlow (named like the component) created after them.",
        inputsOf: "ChannelFlow",
        extraInputs: {
            statementId: {
                doc: "The permission statements' Sid; by default derived from the app instance.",
                type: "string",
            },
        },
        outputs: { arn: "The channel flow ARN." },
    },
];

/**
 * A resource of this plugin registered from inside the plugin (a component's child). Every property of the type
 * is registered as an output, as the SDK classes do; the components read these two.
 */
class PluginResource extends pulumi.CustomResource {
    declare readonly arn: pulumi.Output<string>;
    declare readonly appInstanceAdminArn: pulumi.Output<string>;

    constructor(type: string, name: string, args: object, opts: pulumi.CustomResourceOptions) {
        const { schema } = implementationOf(type)!;
        const outputs = Object.fromEntries(
            [...Object.keys(schema.inputs), ...schema.outputs].map((property) => [property, undefined]),
        );
        super(typeToken(type), name, { ...outputs, ...args }, opts);
    }
}

const pluginResource = (type: string) => (name: string, args: object, opts: pulumi.CustomResourceOptions) =>
    new PluginResource(type, name, args, opts);

class PluginComponent extends pulumi.ComponentResource {
    constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions) {
        super(typeToken(type), name, {}, opts);
    }

    publish(outputs: pulumi.Inputs): void {
        this.registerOutputs(outputs);
    }
}

/** Makes the component `type` named `name` with its children; returns it and the outputs it registered. */
export function constructComponent(
    type: string,
    name: string,
    inputs: pulumi.Inputs,
    opts: pulumi.ComponentResourceOptions,
): { urn: pulumi.Output<string>; state: pulumi.Inputs } {
    const component = new PluginComponent(type, name, opts);
    let state: pulumi.Inputs;
    if (type === "AppInstanceWithAdmin") {
        const built = appInstanceWithAdminChildren(name, inputs, component, {
            appInstance: pluginResource("AppInstance"),
            appInstanceUser: pluginResource("AppInstanceUser"),
            appInstanceAdmin: pluginResource("AppInstanceAdmin"),
        });
        state = { appInstanceArn: built.appInstanceArn, bearerArn: built.bearerArn };
    } else if (type === "ChannelFlowWithPermissions") {
        const built = channelFlowWithPermissionsChildren(
            name,
            inputs as Parameters<typeof channelFlowWithPermissionsChildren>[1],
            component,
            {
                channelFlow: pluginResource("ChannelFlow"),
                channelFlowProcessorPermission: pluginResource("ChannelFlowProcessorPermission"),
            },
        );
        state = { arn: built.arn };
    } else {
        throw new Error(`chime-messaging has no component ${type}`);
    }
    component.publish(state);
    return { urn: component.urn, state };
}
