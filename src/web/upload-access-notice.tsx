/** On the upload page: who may upload, and that an upload is a draft until it is reviewed and published. */
import type { ReactNode } from 'react';
import { href } from './router.ts';
import { useSession } from './session.ts';

export const UploadAccessNotice = (): ReactNode => {
  const session = useSession();
  if (!session.loaded) return null;
  if (session.user === null) {
    return (
      <p className="notice upload-access">
        上传需要部门编辑或管理员账号：请先<a href={href.login()}>登录</a>。
      </p>
    );
  }
  return <p className="muted upload-access">上传的文件先作为草稿保存，只有本部门编辑和审核人员可见；提交、审核并发布后公众可见（见<a href={href.worklist()}>待办</a>）。</p>;
};
