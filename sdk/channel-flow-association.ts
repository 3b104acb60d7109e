import * as pulumi from "@pulumi/pulumi";
import { ChimeResource } from "./chime-resource";

export interface ChannelFlowAssociationArgs {
    /** Replaces the association (disassociate first, then associate) when changed. */
    channelArn: pulumi.Input<string>;
    /** Replaces the association (disassociate first, then associate) when changed. */
    channelFlowArn: pulumi.Input<string>;
    /** An app instance admin or a moderator of the channel. Changing it calls nothing. */
    chimeBearer: pulumi.Input<string>;
}

/** Associates a channel flow with a channel. A channel holds one flow at a time; a flow serves many channels. */
export class ChannelFlowAssociation extends ChimeResource {
    declare readonly channelArn: pulumi.Output<string>;
    declare readonly channelFlowArn: pulumi.Output<string>;
    declare readonly chimeBearer: pulumi.Output<string>;

    constructor(name: string, args: ChannelFlowAssociationArgs, opts?: pulumi.CustomResourceOptions) {
        super("ChannelFlowAssociation", name, { ...args }, opts);
    }
}
