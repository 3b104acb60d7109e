/**
 * UpdateAppInstance and UpdateAppInstanceUser set the name and the metadata together: either change sends both,
 * the unchanged one as it stands.
 */
export function nameOrMetadataChanged(changed: string[]): boolean {
    return changed.includes("name") || changed.includes("metadata");
}

/** The Metadata an update call sends: an absent Metadata would leave it as it is, so removing it sends "". */
export function metadataToSend(news: { metadata?: string }): string {
    return news.metadata ?? "";
}
