// Label and value pairs in large type, one pair a line (the report's holder details, its summary, a
// receipt): the label on the left in the secondary colour, the value beside it.
import Blits from '@lightningjs/blits';
import { breakable } from '../texts/line-breaks.ts';
import { themed } from '../theme/themed.ts';
import { themeFor } from '../theme/tokens.ts';

export interface Field {
  label: string;
  value: string;
}

export default Blits.Component('FieldList', {
  template: `
    <Element>
      <Element :for="(row, index) in $rows" key="$row.key" x="0" :y="$row.y">
        <Text :content="$row.label" :size="$row.labelSize" :color="$row.labelColor" x="0" :y="$row.labelY"
          :maxwidth="$row.labelW" maxlines="1" />
        <Text :content="$row.value" :size="$row.valueSize" :color="$row.valueColor" :x="$row.valueX" y="0"
          :maxwidth="$row.valueW" :maxlines="$row.lines" :lineheight="$row.lineH"
          :inspector-data="{role: 'field', label: $row.label, value: $row.plain}" />
      </Element>
    </Element>
  `,
  props: ['fields', 'labelWidth', 'width', 'valueLines'],
  ...themed,
  computed: {
    t() {
      return themeFor(this);
    },
    /** Each pair placed (the template's loop takes plain values only). */
    rows() {
      const { size, color } = themeFor(this);
      const labelW = Number(this.labelWidth ?? 360);
      const lines = Number(this.valueLines ?? 1);
      const lineH = Math.round(size.body * 1.3);
      const step = lineH * lines + Math.round(size.body * 0.45);
      return ((this.fields ?? []) as Field[]).map((field, index) => ({
        key: `${index}-${field.label}`,
        label: field.label,
        value: breakable(field.value),
        plain: field.value,
        y: index * step,
        labelY: Math.round((size.body - size.small) * 0.5),
        labelW: labelW - 24,
        labelSize: size.small,
        labelColor: color.subtext,
        valueX: labelW,
        valueW: Number(this.width ?? 1728) - labelW,
        valueSize: size.body,
        valueColor: color.text,
        lines,
        lineH,
      }));
    },
  },
});
