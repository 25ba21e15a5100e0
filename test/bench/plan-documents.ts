// Plan documents of any size for the benchmarks and the linearity property: the same kinds of rows and
// items a real plan has, repeated until the text is as long as asked.

const UNITS = ["区发改局", "区财政局", "区政府办", "区司法局", "区教育局", "区民政局"];
const DEADLINES = ["2024年6月底前", "每季度", "长期坚持", "次年1月", "每月10日前", "三季度末"];

/** A Markdown table of numbered tasks with separate 牵头 and 配合 columns, about `bytes` long. */
export function markdownPlan(bytes: number): string {
  const lines = ["2024年某区政务公开工作要点任务分解表", "", "| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |", "|---|---|---|---|---|"];
  let size = lines.join("\n").length;
  for (let i = 1; size < bytes; i++) {
    if (i % 20 === 1) lines.push(`| 第${i}部分 | | | | |`);
    const line = `| ${i} | 公开第${i}项重点工作的进展和结果，接受社会监督。 | ${UNITS[i % 6]} | ${UNITS[(i + 1) % 6]} | ${DEADLINES[i % 6]} |`;
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return lines.join("\n");
}

/** Numbered prose (一、 › （一） › 1.) with trailing （责任单位：…）, about `bytes` long. */
export function prosePlan(bytes: number): string {
  const lines = ["2024年某区政务公开工作要点", ""];
  let size = 0;
  for (let s = 1, n = 1; size < bytes; s++) {
    lines.push(`${s}、第${s}方面的工作`);
    for (let sub = 1; sub <= 3 && size < bytes; sub++) {
      lines.push(`（${"一二三"[sub - 1]}）第${sub}类任务。`);
      for (let k = 1; k <= 5 && size < bytes; k++, n++) {
        const line = `${k}.做好第${n}项公开工作，每季度更新一次。（责任单位：${UNITS[n % 6]}）`;
        lines.push(line);
        size += Buffer.byteLength(line) + 1;
      }
    }
  }
  return lines.join("\n");
}

/** What the issue measured: lines of nothing but "1.", as a careless paste makes. */
export function bareNumbers(bytes: number): string {
  return "1.\n".repeat(Math.ceil(bytes / 3));
}
