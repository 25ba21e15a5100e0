import { Button, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useRef, useState } from "react";

const useStyles = makeStyles({
  picker: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  hidden: { display: "none" },
});

/**
 * A file chooser in the pane's own words: the browser's native input says "Choose File" / "No file chosen" in the
 * browser's language, whatever the pane's. The input stays (hidden) so the system's file dialog opens as usual.
 */
export function FilePicker(props: { label: string; accept: string; onFile(file: File): void; disabled?: boolean }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string>();
  return (
    <div className={styles.picker}>
      <Button disabled={props.disabled} onClick={() => input.current?.click()}>{props.label}</Button>
      <Text size={200}>{name ? `已选择：${name}` : "尚未选择文件"}</Text>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept={props.accept}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setName(file.name);
          props.onFile(file);
          e.target.value = "";
        }}
      />
    </div>
  );
}
