import { View } from '@tarojs/components';
import { Chip } from '@/components/Chip';
import type { BranchChoice } from '@/lib/pledgeRoles';

/** One chip per branch (for a person in several): where to pledge, whose pledges to review. */
export function BranchChips({
  branches,
  branchId,
  onChoose,
}: {
  branches: readonly BranchChoice[];
  branchId: string | undefined;
  onChoose: (id: string) => void;
}) {
  return (
    <View className="pl-chips">
      {branches.map((b) => (
        <Chip key={b.id} area="pl" on={branchId === b.id} onTap={() => onChoose(b.id)}>
          {b.name}
        </Chip>
      ))}
    </View>
  );
}
