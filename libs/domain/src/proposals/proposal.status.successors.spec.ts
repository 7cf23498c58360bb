import { decision, positionsOf, recommendToBoth, SUMMER, view } from '../testing/proposal.fixtures';

describe('proposalStatus', () => {
  describe('after a member is abolished: its successor stands in its place', () => {
    const AFTER = '2012-11-23';

    it('waits for the successors instead of the abolished bodies', () => {
      expect(view([recommendToBoth], SUMMER).waitingFor).toEqual(['pa-a', 'pa-b']);
      const v = view([recommendToBoth], AFTER);
      expect(v.waitingFor).toEqual(['pcc-a', 'pcc-b']);
      expect(v.positions.map((p) => [p.bodyId, p.standsFor])).toEqual([
        ['pcc-a', ['pa-a']],
        ['pcc-b', ['pa-b']],
      ]);
    });

    it("carries the abolished body's decision over to its successor", () => {
      const v = view([recommendToBoth, decision('pa-a', 'approve')], AFTER);
      expect(v.positions[0]).toMatchObject({
        bodyId: 'pcc-a',
        position: 'approved',
        decision: { bodyId: 'pa-a', decisionId: 'pa-a-approve' },
      });
      expect(v.waitingFor).toEqual(['pcc-b']);
    });

    it("takes the successor's own later decision over its predecessor's", () => {
      const v = view(
        [
          recommendToBoth,
          decision('pa-a', 'defer'),
          decision('pcc-a', 'reject', '2012-12-01'),
          decision('pcc-b', 'reject', '2012-12-01'),
        ],
        '2012-12-02',
      );
      expect(positionsOf(v)).toEqual({ 'pcc-a': 'rejected', 'pcc-b': 'rejected' });
      expect(v).toMatchObject({ status: 'rejected', waitingFor: [] });
    });

    it('is agreed when the successors approve', () => {
      const v = view(
        [
          recommendToBoth,
          decision('pcc-a', 'approve', '2012-12-01'),
          decision('pcc-b', 'approve', '2012-12-01'),
        ],
        '2012-12-02',
      );
      expect(v).toMatchObject({ status: 'agreed', waitingFor: [] });
    });
  });
});
