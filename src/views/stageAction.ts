/** What the learner asks of a node from the Stage's menu; the app turns it into an intervention. */
export type StageAction =
  | { kind: 'crash'; node: string; crashKind?: 'process-kill' | 'power-loss' }
  | { kind: 'restart'; node: string };
