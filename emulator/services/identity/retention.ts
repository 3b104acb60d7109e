import { requireAppInstance, Tables } from "../tables";
import { CallContext, IdentityHandlers } from "../types";

interface RetentionRecord {
    AppInstanceRetentionSettings: { ChannelRetentionSettings?: { RetentionDays?: number } };
    /** When the settings were put: from then on, messages older than the retention period are deleted. */
    InitiateDeletionTimestamp: number;
}

export function retentionHandlers(tables: Tables): Partial<IdentityHandlers> {
    return {
        PutAppInstanceRetentionSettings(input, context: CallContext) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            const record: RetentionRecord = {
                AppInstanceRetentionSettings: input.AppInstanceRetentionSettings,
                InitiateDeletionTimestamp: context.now,
            };
            tables.retentionSettings.set(instance, "", { ...record });
            return record;
        },

        /** An app instance without retention settings answers with none. */
        GetAppInstanceRetentionSettings(input) {
            const instance = requireAppInstance(tables, input.AppInstanceArn).AppInstanceArn;
            return (tables.retentionSettings.get(instance) as RetentionRecord | undefined) ?? {};
        },
    };
}
