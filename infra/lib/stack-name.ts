/** A school's CloudFormation stack name (its own module: the fleet's `list` needs it without loading aws-cdk-lib). */
export function stackNameOf(schoolId: string): string {
  return `Klassny-${schoolId}`;
}
