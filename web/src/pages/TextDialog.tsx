/** A dialog asking for one piece of text (退回意见, a dismissal's reason, a comment): OK only when it is filled. */
import { Input, Modal } from 'antd';
import type { ReactNode } from 'react';

export function TextDialog({
  open,
  title,
  okText,
  prompt,
  label,
  value,
  rows = 4,
  danger = false,
  onChange,
  onOk,
  onCancel,
}: {
  open: boolean;
  title: string;
  okText: string;
  prompt: ReactNode;
  label: string;
  value: string;
  rows?: number;
  danger?: boolean;
  onChange(value: string): void;
  onOk(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, disabled: value.trim() === '' }}
      onCancel={onCancel}
      onOk={onOk}
    >
      {prompt}
      <Input.TextArea
        rows={rows}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-label={label}
      />
    </Modal>
  );
}
