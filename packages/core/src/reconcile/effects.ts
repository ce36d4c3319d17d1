/** What one applied event changed on the forge, as the runner's summary counts it. */
export interface Effects {
  pullsOpened: number;
  pullsMerged: number;
  pullsClosed: number;
  pullsReopened: number;
  commentsCreated: number;
  commentsUpdated: number;
}

export function noEffects(): Effects {
  return {
    pullsOpened: 0,
    pullsMerged: 0,
    pullsClosed: 0,
    pullsReopened: 0,
    commentsCreated: 0,
    commentsUpdated: 0,
  };
}
