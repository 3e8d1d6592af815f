<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>Comparer</name>
    <message>
        <location filename="../../gui/compare.py" line="77"/>
        <source>The comparison failed unexpectedly: {error}</source>
        <translation>比较意外失败：{error}</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="109"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="114"/>
        <source>Dry run status</source>
        <translation>试运行状态</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="119"/>
        <source>Dry run running</source>
        <translation>试运行进行中</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="124"/>
        <source>Items to &amp;delete from the target:</source>
        <translation>要从目标中删除的项(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="125"/>
        <source>Items to delete</source>
        <translation>要删除的项</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="126"/>
        <source>The target&apos;s files and folders the mirror would delete</source>
        <translation>镜像将删除的目标中的文件和文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="130"/>
        <source>&amp;Files to move out of the source:</source>
        <translation>要移出源的文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="131"/>
        <source>Files to move</source>
        <translation>要移动的文件</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="132"/>
        <source>The source&apos;s files the move would remove once they are copied</source>
        <translation>移动将在复制完成后从源中删除的文件</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="140"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="141"/>
        <source>Cancel; write nothing</source>
        <translation>取消；不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="142"/>
        <source>Go back to the job without writing anything</source>
        <translation>返回任务，不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="176"/>
        <source>Confirm the mirror and move</source>
        <translation>确认镜像和移动</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="177"/>
        <source>Confirm the mirror</source>
        <translation>确认镜像</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="177"/>
        <source>Confirm the move</source>
        <translation>确认移动</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="181"/>
        <source>Mirror and &amp;move</source>
        <translation>镜像并移动(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="182"/>
        <source>&amp;Mirror</source>
        <translation>镜像(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="182"/>
        <source>&amp;Move</source>
        <translation>移动(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="201"/>
        <source>A dry run is finding what the job would delete and move…</source>
        <translation>正在试运行，查找任务将删除和移动的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="203"/>
        <source>A dry run is finding what the mirror would delete…</source>
        <translation>正在试运行，查找镜像将删除的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="204"/>
        <source>A dry run is finding what the move would take out of the source…</source>
        <translation>正在试运行，查找移动将从源中移出的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="218"/>
        <source>Found so far: {count}</source>
        <translation>目前已找到：{count}</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="227"/>
        <source>The dry run was cancelled.</source>
        <translation>试运行已取消。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="247"/>
        <source>Delete 1 item in the target?</source>
        <translation>删除目标中的 1 项？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="250"/>
        <source>Delete {count} items in the target?</source>
        <translation>删除目标中的 {count} 项？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="253"/>
        <source>Move 1 file out of the source?</source>
        <translation>将 1 个文件移出源？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="256"/>
        <source>Move {count} files out of the source?</source>
        <translation>将 {count} 个文件移出源？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="265"/>
        <source>The source has nothing that leads to these files and folders of the target; the mirror deletes them after copying.</source>
        <translation>源中没有任何内容对应目标中的这些文件和文件夹；镜像会在复制完成后删除它们。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="272"/>
        <source>Each of these files is removed from the source once its copy is complete in the target; a file that fails stays.</source>
        <translation>这些文件在目标中的副本完成后会从源中删除；失败的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="278"/>
        <source>The dry run found {count} files that would fail.</source>
        <translation>试运行发现 {count} 个文件将会失败。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="285"/>
        <source>More would be deleted than the job&apos;s limit allows, so the mirror will delete nothing and the job will fail.</source>
        <translation>要删除的数量超过任务的上限，因此镜像不会删除任何内容，任务将失败。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="297"/>
        <source>The dry run could not run: {reason}</source>
        <translation>试运行无法进行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="303"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="304"/>
        <source>Close; write nothing</source>
        <translation>关闭；不写入任何内容</translation>
    </message>
</context>
<context>
    <name>CronWords</name>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="36"/>
        <source>Every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="39"/>
        <source>Every {count} minutes</source>
        <translation>每 {count} 分钟</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="44"/>
        <source>Every hour at {minute} minutes past</source>
        <translation>每小时的第 {minute} 分钟</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="49"/>
        <source>Every {count} hours</source>
        <translation>每 {count} 小时</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="59"/>
        <source>Every day at {time}</source>
        <translation>每天 {time}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="61"/>
        <source>Monday to Friday at {time}</source>
        <translation>周一至周五 {time}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="67"/>
        <source>Every {weekday} at {time}</source>
        <translation>每{weekday} {time}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/cron_words.py" line="72"/>
        <source>On day {day} of every month at {time}</source>
        <translation>每月 {day} 日 {time}</translation>
    </message>
</context>
<context>
    <name>EngineTexts</name>
    <message>
        <location filename="../../gui/reason_texts.py" line="50"/>
        <source>permission denied</source>
        <translation>权限不足</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="51"/>
        <source>operation not permitted</source>
        <translation>不允许此操作</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="52"/>
        <source>no space left on the target device</source>
        <translation>目标设备上没有剩余空间</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="53"/>
        <source>disk quota exceeded on the target</source>
        <translation>目标上的磁盘配额已用尽</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="54"/>
        <source>the target is a folder</source>
        <translation>目标是一个文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="55"/>
        <source>a folder on the way is a file</source>
        <translation>路径中的某个文件夹是文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="56"/>
        <source>the name is too long for the target file system</source>
        <translation>名称对目标文件系统来说太长</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="57"/>
        <source>the target file system is read-only</source>
        <translation>目标文件系统是只读的</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="58"/>
        <source>input/output error (failing disk or medium?)</source>
        <translation>输入/输出错误（磁盘或介质故障？）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="59"/>
        <source>the file is too large for the target (its file system or a size limit)</source>
        <translation>文件对目标来说太大（受其文件系统或大小上限所限）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="62"/>
        <source>too many open files (this process&apos;s limit, see ulimit -n)</source>
        <translation>打开的文件过多（本进程的上限，见 ulimit -n）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="63"/>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="64"/>
        <source>File exists</source>
        <translation>文件已存在</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="65"/>
        <source>Directory not empty</source>
        <translation>目录非空</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="66"/>
        <source>Too many levels of symbolic links</source>
        <translation>符号链接的层数过多</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="67"/>
        <source>Invalid argument</source>
        <translation>无效的参数</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="68"/>
        <source>Operation not supported</source>
        <translation>不支持的操作</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="69"/>
        <source>Device or resource busy</source>
        <translation>设备或资源忙</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="70"/>
        <source>Text file busy</source>
        <translation>文本文件忙</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="71"/>
        <source>Invalid cross-device link</source>
        <translation>无效的跨设备链接</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="72"/>
        <source>Stale file handle</source>
        <translation>失效的文件句柄</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="73"/>
        <source>Connection timed out</source>
        <translation>连接超时</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="75"/>
        <source>the source file vanished before it could be read</source>
        <translation>源文件在读取之前消失了</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="76"/>
        <source>vanished during the scan</source>
        <translation>在扫描期间消失</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="77"/>
        <source>broken symbolic link</source>
        <translation>失效的符号链接</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="78"/>
        <source>no longer a regular file</source>
        <translation>已不再是普通文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="79"/>
        <source>the target folder is missing</source>
        <translation>目标文件夹不见了</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="80"/>
        <source>verification failed: the written file differs from what was read</source>
        <translation>校验失败：写入的文件与读取的内容不同</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="83"/>
        <source>took longer than {seconds} s; abandoned</source>
        <translation>用时超过 {seconds} 秒，已放弃</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="84"/>
        <source>took longer than the file timeout and was abandoned</source>
        <translation>用时超过单个文件的时间限制，已放弃</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="85"/>
        <source>could not be cloned ({reason}); use --reflink auto</source>
        <translation>无法克隆（{reason}）；请使用 --reflink auto</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="86"/>
        <source>could not be cloned (its stages change its bytes)</source>
        <translation>无法克隆（它经过的阶段会改变其内容）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="87"/>
        <source>the source and target are on different file systems</source>
        <translation>源和目标位于不同的文件系统上</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="88"/>
        <source>the target file system cannot clone files</source>
        <translation>目标文件系统无法克隆文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="89"/>
        <source>the target file system cannot clone this file</source>
        <translation>目标文件系统无法克隆此文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="90"/>
        <source>the target file system refused the clone</source>
        <translation>目标文件系统拒绝了克隆</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="91"/>
        <source>the source is a swap file or in use in a way that forbids sharing it</source>
        <translation>源是交换文件，或正以禁止共享的方式被使用</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="94"/>
        <source>cannot create folder: {reason}</source>
        <translation>无法创建文件夹：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="95"/>
        <source>cannot create folder: a file is in the way</source>
        <translation>无法创建文件夹：有一个文件挡在那里</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="96"/>
        <source>cannot create folder: a symbolic link is in the way</source>
        <translation>无法创建文件夹：有一个符号链接挡在那里</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="97"/>
        <source>cannot list folder: {reason}</source>
        <translation>无法列出文件夹：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="98"/>
        <source>{reason}; 1 file ({size}) beneath it not copied</source>
        <translation>{reason}；其下 1 个文件（{size}）未复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="99"/>
        <source>{reason}; {count} files ({size}) beneath it not copied</source>
        <translation>{reason}；其下 {count} 个文件（{size}）未复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="100"/>
        <source>{reason}, and more in folders that could not be listed</source>
        <translation>{reason}，无法列出的文件夹中还有更多</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="101"/>
        <source>{reason}; its contents could not be listed, so how many files were not copied is unknown</source>
        <translation>{reason}；其内容无法列出，因此不知道有多少文件未复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="105"/>
        <source>its target folder is the source folder itself (the source lies inside the target): nothing is written into it</source>
        <translation>它的目标文件夹就是源文件夹本身（源位于目标之内）：不会向其中写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="110"/>
        <source>listed in --files-from but not in the source</source>
        <translation>列在 --files-from 中，但源中没有</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="111"/>
        <source>listed in --files-from but not in the source (&apos;{name}&apos; is not a folder)</source>
        <translation>列在 --files-from 中，但源中没有（“{name}”不是文件夹）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="114"/>
        <source>not copied: {reason}</source>
        <translation>未复制：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="115"/>
        <source>{reason}: stopped taking new work; run the job again once the target has room, to copy the rest</source>
        <translation>{reason}：已停止接收新的工作；目标有空间后请再次运行任务，以复制其余文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="121"/>
        <source>unchanged</source>
        <translation>未更改</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="122"/>
        <source>metadata updated</source>
        <translation>已更新元数据</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="123"/>
        <source>target exists</source>
        <translation>目标已存在</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="124"/>
        <source>target is as new or newer</source>
        <translation>目标同样新或更新</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="125"/>
        <source>symbolic link loop: leads back to a parent</source>
        <translation>符号链接循环：指回上级文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="126"/>
        <source>the same folder as one of its parents (a bind mount): not walked again</source>
        <translation>与某个上级文件夹是同一个文件夹（绑定挂载）：不再重复遍历</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="130"/>
        <source>is the target folder itself (reached through a symbolic link): not copied into itself</source>
        <translation>就是目标文件夹本身（经由符号链接到达）：不会复制到它自身之中</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="134"/>
        <source>on another file system than the source (one-file-system): not entered</source>
        <translation>位于与源不同的文件系统上（单一文件系统）：未进入</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="137"/>
        <source>{kind}: never opened or copied</source>
        <translation>{kind}：从不打开或复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="138"/>
        <source>a FIFO (named pipe)</source>
        <translation>FIFO（命名管道）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="139"/>
        <source>a socket</source>
        <translation>套接字</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="140"/>
        <source>a character device</source>
        <translation>字符设备</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="141"/>
        <source>a block device</source>
        <translation>块设备</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="143"/>
        <source>cannot delete: {reason}</source>
        <translation>无法删除：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="144"/>
        <source>deletions skipped in &apos;{path}&apos;: its source side could not be listed completely</source>
        <translation>跳过了“{path}”中的删除：其源端未能完整列出</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="148"/>
        <source>{count} entries were not deleted: more than --max-delete {limit} would have been</source>
        <translation>{count} 个条目未删除：要删除的数量将超过 --max-delete {limit}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="152"/>
        <source>the job did not run to its end: nothing was deleted</source>
        <translation>任务没有运行到结束：未删除任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="153"/>
        <source>the source folder &apos;{path}&apos; is empty: a mirror would delete everything in the target (is a disk not mounted?); copy without delete</source>
        <translation>源文件夹“{path}”是空的：镜像会删除目标中的所有内容（是否有磁盘未挂载？）；请改用不删除的复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="158"/>
        <source>the source changed after it was copied, so it stays</source>
        <translation>源在复制之后发生了变化，因此保留</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="159"/>
        <source>cannot set folder owner, attributes, time or mode: {reason}</source>
        <translation>无法设置文件夹的所有者、属性、时间或权限：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="161"/>
        <source>{what} could not be kept ({example}): {why}</source>
        <translation>无法保留{what}（例如 {example}）：{why}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="162"/>
        <source>owners and groups</source>
        <translation>所有者和组</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="163"/>
        <source>permission bits</source>
        <translation>权限位</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="164"/>
        <source>extended attributes and ACLs</source>
        <translation>扩展属性和 ACL</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="165"/>
        <source>extended attributes</source>
        <translation>扩展属性</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="166"/>
        <source>the target&apos;s file system does not support them</source>
        <translation>目标的文件系统不支持它们</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="167"/>
        <source>the target&apos;s file system cannot hold them</source>
        <translation>目标的文件系统无法保存它们</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="168"/>
        <source>the target refused them (operation not permitted)</source>
        <translation>目标拒绝了它们（不允许此操作）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="169"/>
        <source>the target refused them (permission denied)</source>
        <translation>目标拒绝了它们（权限不足）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="170"/>
        <source>the target&apos;s file system keeps modification times to {step}; times less than {step} apart count as equal</source>
        <translation>目标的文件系统只把修改时间精确到 {step}；相差不到 {step} 的时间视为相同</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="176"/>
        <source>queued: waiting for job {id} (PID {pid}) writing to &apos;{target}&apos; on the same disk</source>
        <translation>排队中：等待在同一磁盘上写入“{target}”的任务 {id}（PID {pid}）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="180"/>
        <source>the disk is free: starting</source>
        <translation>磁盘已空闲：开始</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="181"/>
        <source>removed {count} unfinished temporary file(s) of an interrupted run</source>
        <translation>删除了中断的运行留下的 {count} 个未完成的临时文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="184"/>
        <source>worker process {pid} {cause} ({signal}); the file was not copied</source>
        <translation>工作进程 {pid} {cause}（{signal}）；该文件未复制</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="187"/>
        <source>killed, perhaps by the out-of-memory killer</source>
        <translation>被终止，可能是内存不足时被系统终止</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="188"/>
        <source>crashed in native code (segmentation fault)</source>
        <translation>在本机代码中崩溃（段错误）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="189"/>
        <source>crashed on a bus error (a file shrank while mapped, or bad memory)</source>
        <translation>因总线错误崩溃（文件在映射期间变小，或内存损坏）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="192"/>
        <source>aborted by a native library</source>
        <translation>被本机库中止</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="193"/>
        <source>terminated</source>
        <translation>被终止</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="194"/>
        <source>ended by a signal</source>
        <translation>被信号结束</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="195"/>
        <source>worker process {pid} exited unexpectedly (exit code {code})</source>
        <translation>工作进程 {pid} 意外退出（退出码 {code}）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="196"/>
        <source>{reason}; trying the file again</source>
        <translation>{reason}；重新尝试该文件</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="198"/>
        <source>cannot be decoded as {codec} at byte {offset}: {detail} (give the right encoding with from=...)</source>
        <translation>无法在第 {offset} 字节处按 {codec} 解码：{detail}（请用 from=... 指定正确的编码）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="203"/>
        <source>cannot be encoded as {codec}: &apos;{char}&apos; (U+{code}) on line {line} has no equivalent there (choose an encoding that can hold it, such as utf-8)</source>
        <translation>无法编码为 {codec}：第 {line} 行的“{char}”（U+{code}）在该编码中没有对应字符（请选择能容纳它的编码，例如 utf-8）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="208"/>
        <source>&apos;{program}&apos; exited with status {status}</source>
        <translation>“{program}”退出，状态码 {status}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="209"/>
        <source>&apos;{program}&apos; exited with status {status}: {output}</source>
        <translation>“{program}”退出，状态码 {status}：{output}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="210"/>
        <source>&apos;{program}&apos; was killed by {signal}</source>
        <translation>“{program}”被 {signal} 终止</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="211"/>
        <source>&apos;{program}&apos; was killed by {signal}: {output}</source>
        <translation>“{program}”被 {signal} 终止：{output}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="212"/>
        <source>&apos;{program}&apos; timed out after {seconds} s</source>
        <translation>“{program}”在 {seconds} 秒后超时</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="213"/>
        <source>&apos;{program}&apos; wrote no output to {{out}}</source>
        <translation>“{program}”没有向 {{out}} 写入任何输出</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="214"/>
        <source>resize left this file unchanged: it is not an image Pillow can read</source>
        <translation>调整大小未更改此文件：它不是 Pillow 能读取的图像</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="217"/>
        <source>cannot decode the image (truncated or corrupt?): {detail}</source>
        <translation>无法解码图像（被截断或已损坏？）：{detail}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="218"/>
        <source>not enough memory to decode the image</source>
        <translation>内存不足，无法解码图像</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="219"/>
        <source>the image is {size} = {pixels} pixels, over the limit of {limit} (option max_pixels); not decoded, as a possible decompression bomb</source>
        <translation>图像为 {size} = {pixels} 像素，超过了 {limit} 的上限（选项 max_pixels）；可能是解压炸弹，未解码</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="225"/>
        <source>source folder &apos;{path}&apos; does not exist</source>
        <translation>源文件夹“{path}”不存在</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="226"/>
        <source>source &apos;{path}&apos; is not a folder</source>
        <translation>源“{path}”不是文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="227"/>
        <source>source folder &apos;{path}&apos; cannot be read (permission denied)</source>
        <translation>无法读取源文件夹“{path}”（权限不足）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="228"/>
        <source>target &apos;{path}&apos; exists and is not a folder</source>
        <translation>目标“{path}”已存在且不是文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="229"/>
        <source>target folder is the source folder; choose a different target</source>
        <translation>目标文件夹就是源文件夹；请选择另一个目标</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="232"/>
        <source>target folder &apos;{path}&apos; is inside the source folder; choose a target outside it</source>
        <translation>目标文件夹“{path}”位于源文件夹之内；请选择源文件夹之外的目标</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="236"/>
        <source>cannot create target folder &apos;{path}&apos;: {reason}</source>
        <translation>无法创建目标文件夹“{path}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="237"/>
        <source>the source folder lies inside the target folder (as &apos;{inside}&apos;), so &apos;{path}&apos; would be written into the source itself; choose a target outside the source, or exclude it</source>
        <translation>源文件夹位于目标文件夹之内（即“{inside}”），因此“{path}”会被写入源本身；请选择源之外的目标，或排除它</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="242"/>
        <source>&apos;{first}&apos; and &apos;{second}&apos; would both be written to &apos;{output}&apos; in the target; exclude one of them or narrow the stage with match=</source>
        <translation>“{first}”和“{second}”都会被写入目标中的“{output}”；请排除其中之一，或用 match= 缩小该阶段的范围</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="247"/>
        <source>another job is writing into &apos;{path}&apos;; wait for it to finish</source>
        <translation>另一个任务正在写入“{path}”；请等它完成</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="248"/>
        <source>&apos;{text}&apos; is not a size (use e.g. 500k, 10M, 1G)</source>
        <translation>“{text}”不是一个大小（请使用例如 500k、10M、1G）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="249"/>
        <source>&apos;{text}&apos; is not a size (it must be a finite number)</source>
        <translation>“{text}”不是一个大小（必须是有限的数）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="250"/>
        <source>&apos;{text}&apos; is not a size (it must not be negative)</source>
        <translation>“{text}”不是一个大小（不能为负数）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="251"/>
        <source>&apos;{text}&apos; is less than one byte (0 means no limit)</source>
        <translation>“{text}”小于一个字节（0 表示不限速）</translation>
    </message>
    <message>
        <location filename="../../gui/reason_texts.py" line="252"/>
        <source>bwlimit must be at most 1024G per second per worker (0: no limit), not {rate}</source>
        <translation>限速最多为每个工作进程每秒 1024G（0：不限速），而不是 {rate}</translation>
    </message>
</context>
<context>
    <name>ErrorLabel</name>
    <message>
        <location filename="../../gui/widgets/side_notes.py" line="48"/>
        <source>What must be fixed before the job can start</source>
        <translation>开始任务前必须解决的问题</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="52"/>
        <source>Drop one folder here; files and several folders can&apos;t be used.</source>
        <translation>请拖放一个文件夹到此处；不支持文件或多个文件夹。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="80"/>
        <source>Type a path, browse, or drop a folder here</source>
        <translation>输入路径、浏览，或将文件夹拖放到此处</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="82"/>
        <source>A folder path: type it, browse for it, or drop a folder</source>
        <translation>文件夹路径：可直接输入、浏览选择或拖放文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="96"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../gui/formatting.py" line="23"/>
        <source>{0} B</source>
        <translation>{0} B</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="24"/>
        <source>{0} kB</source>
        <translation>{0} kB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="25"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="26"/>
        <source>{0} GB</source>
        <translation>{0} GB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="27"/>
        <source>{0} TB</source>
        <translation>{0} TB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="28"/>
        <source>{0} PB</source>
        <translation>{0} PB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="35"/>
        <source>{0} B/s</source>
        <translation>{0} B/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="36"/>
        <source>{0} kB/s</source>
        <translation>{0} kB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="37"/>
        <source>{0} MB/s</source>
        <translation>{0} MB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="38"/>
        <source>{0} GB/s</source>
        <translation>{0} GB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="39"/>
        <source>{0} TB/s</source>
        <translation>{0} TB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="40"/>
        <source>{0} PB/s</source>
        <translation>{0} PB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="85"/>
        <source>{0}%</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>HistoryList</name>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="115"/>
        <source>Recent runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="116"/>
        <source>The jobs that ran, newest first</source>
        <translation>运行过的任务，最新的在前</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="123"/>
        <source>Run again</source>
        <translation>再次运行</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="125"/>
        <source>Retry failed</source>
        <translation>重试失败项</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="127"/>
        <source>Run the job again for what failed in that run only</source>
        <translation>再次运行该任务，只处理那次运行中失败的部分</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="128"/>
        <source>Open target</source>
        <translation>打开目标</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="130"/>
        <source>Show the run&apos;s target folder in the file manager</source>
        <translation>在文件管理器中显示该次运行的目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="142"/>
        <source>Reading the history…</source>
        <translation>正在读取历史记录…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="171"/>
        <source>No job has run yet.</source>
        <translation>还没有运行过任务。</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="190"/>
        <source>This run cannot be run again: {reason}</source>
        <translation>无法再次运行这次运行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/history_list.py" line="192"/>
        <source>Run the same job again</source>
        <translation>再次运行同一个任务</translation>
    </message>
</context>
<context>
    <name>JobCard</name>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="51"/>
        <location filename="../../gui/jobs/job_card.py" line="135"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="54"/>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="57"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="59"/>
        <source>Follow this job in the window</source>
        <translation>在窗口中跟踪这个任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="83"/>
        <source>{route}: {state}</source>
        <translation>{route}：{state}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="84"/>
        <source>Process {pid}</source>
        <translation>进程 {pid}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="85"/>
        <source>This app&apos;s own job</source>
        <translation>本应用自己的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="94"/>
        <source>Progress of {route}</source>
        <translation>{route} 的进度</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="101"/>
        <source>Queued, number {place} in line</source>
        <translation>排队中，第 {place} 位</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="103"/>
        <source>Stopped (Ctrl-Z)</source>
        <translation>已停止（Ctrl-Z）</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="104"/>
        <source>{done} of {total} files</source>
        <translation>{done} / {total} 个文件</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="109"/>
        <source>Paused; {files}</source>
        <translation>已暂停；{files}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="111"/>
        <source>Paused at {percent}; {files}</source>
        <translation>暂停于 {percent}；{files}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="115"/>
        <source>Scanning; {files}</source>
        <translation>正在扫描；{files}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="116"/>
        <source>Copying, {percent}; {files}</source>
        <translation>正在复制，{percent}；{files}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="120"/>
        <source>Waits for the job writing to {target}</source>
        <translation>等待正在写入 {target} 的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="127"/>
        <source>{rate}, {left} left</source>
        <translation>{rate}，剩余 {left}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="135"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="137"/>
        <source>Continue the job where it stopped</source>
        <translation>从停下的地方继续该任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="139"/>
        <source>Pause the job; Resume goes on where it was</source>
        <translation>暂停该任务；“继续”会从原处接着进行</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="144"/>
        <source>A stopped job cannot be cancelled: resume it first</source>
        <translation>已停止的任务无法取消：请先让它继续</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/job_card.py" line="146"/>
        <source>Stop the job; files being written are removed, finished ones stay</source>
        <translation>停止该任务；正在写入的文件会被删除，已完成的保留</translation>
    </message>
</context>
<context>
    <name>JobForm</name>
    <message>
        <location filename="../../gui/job_form.py" line="142"/>
        <source>Choose the folder to copy from</source>
        <translation>选择要复制的源文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="145"/>
        <source>The folder whose contents are copied</source>
        <translation>要复制其中内容的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="146"/>
        <source>Source folder</source>
        <translation>源文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="148"/>
        <source>&amp;Target</source>
        <translation>目标(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="149"/>
        <source>Drop it here to copy into this folder</source>
        <translation>放到这里：复制到这个文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="150"/>
        <source>Choose the folder to copy into</source>
        <translation>选择要复制到的目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="154"/>
        <source>The folder the copies go into; it is created if needed</source>
        <translation>存放副本的文件夹；不存在时会自动创建</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="156"/>
        <source>Target folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="163"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="199"/>
        <source>How many files are worked on at once; can be changed while a job runs</source>
        <translation>同时处理的文件数；任务运行中也可以更改</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="201"/>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/job_form.py" line="204"/>
        <source>of %n CPU(s)</source>
        <translation>
            <numerusform>（共 %n 个 CPU）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="207"/>
        <source>Processes on this computer</source>
        <translation>本机上的进程</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="208"/>
        <source>A Dask cluster</source>
        <translation>Dask 集群</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="211"/>
        <source>Where the workers run: processes on this computer, or the workers of a Dask cluster, which must see the source and target folders at the same paths</source>
        <translation>工作进程在哪里运行：本机上的进程，或 Dask 集群的工作节点（它们必须能以相同的路径访问源文件夹和目标文件夹）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="215"/>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="221"/>
        <source>The address of a running Dask scheduler; leave it empty to start a cluster on this computer. Used only when running on a Dask cluster</source>
        <translation>正在运行的 Dask 调度器的地址；留空则在本机启动一个集群。仅在 Dask 集群上运行时使用</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="225"/>
        <source>Dask scheduler address</source>
        <translation>Dask 调度器地址</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="230"/>
        <source>e.g. **/*.jpg;docs/**</source>
        <translation>例如 **/*.jpg;docs/**</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="232"/>
        <source>Only files matching these globs are copied (separate them with &apos;;&apos;)</source>
        <translation>只复制匹配这些通配模式的文件（用“;”分隔）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="234"/>
        <source>Include globs</source>
        <translation>包含的通配模式</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="237"/>
        <source>e.g. *.tmp;node_modules</source>
        <translation>例如 *.tmp;node_modules</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="239"/>
        <source>Files and folders matching these globs are left out (separate with &apos;;&apos;)</source>
        <translation>跳过匹配这些通配模式的文件和文件夹（用“;”分隔）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="241"/>
        <source>Exclude globs</source>
        <translation>排除的通配模式</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="246"/>
        <source>Replace when changed (size or time differ)</source>
        <translation>有变化时替换（大小或时间不同）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="247"/>
        <source>replace changed files</source>
        <translation>替换已更改的文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="250"/>
        <source>Always keep the existing file</source>
        <translation>始终保留现有文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="251"/>
        <source>keep existing files</source>
        <translation>保留已有文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="253"/>
        <source>Always replace</source>
        <translation>始终替换</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="253"/>
        <source>always replace</source>
        <translation>总是替换</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="255"/>
        <source>Replace when the source is newer</source>
        <translation>源文件较新时替换</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="256"/>
        <source>replace older files</source>
        <translation>替换较旧的文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="258"/>
        <source>Keep both (name (1).ext)</source>
        <translation>保留两者（name (1).ext）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="258"/>
        <source>keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="262"/>
        <source>What to do when a file already exists in the target</source>
        <translation>目标中已存在同名文件时如何处理</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="263"/>
        <source>When a file exists</source>
        <translation>文件已存在时</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="271"/>
        <source>Tries again for a file whose worker died or that changed while copied</source>
        <translation>工作进程意外退出或文件在复制时被修改时，重试该文件的次数</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="273"/>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="277"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="278"/>
        <source>no time limit</source>
        <translation>不限时</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="280"/>
        <source>Abandon and fail a file that takes longer than this; 0 means no limit</source>
        <translation>单个文件超过此时长即放弃并记为失败；0 表示不限制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="282"/>
        <source>Time limit per file</source>
        <translation>单文件时限</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="287"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="288"/>
        <source>Clone where the file system can, copy the bytes otherwise</source>
        <translation>文件系统支持时克隆，否则复制字节</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="291"/>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="292"/>
        <source>Clone every plain copy and fail a file that cannot be cloned</source>
        <translation>每个普通复制都克隆，无法克隆的文件记为失败</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="294"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="294"/>
        <source>Always copy the bytes</source>
        <translation>总是复制字节</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="301"/>
        <source>Whether plain copies share the source&apos;s blocks instead of copying them, on file systems that can clone files (btrfs, XFS); Always does not go with Verify</source>
        <translation>在支持克隆文件的文件系统（btrfs、XFS）上，普通复制是否与源共享数据块而不复制；“总是”不能与“校验”同时使用</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="305"/>
        <source>Clone instead of copying</source>
        <translation>以克隆代替复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="315"/>
        <source>&amp;Verify each written file</source>
        <translation>校验每个写入的文件(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="316"/>
        <source>Re-read every file from the disk after writing it and compare it</source>
        <translation>每个文件写入后从磁盘重新读取并比对</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="321"/>
        <source>&amp;Dry run (write nothing)</source>
        <translation>试运行（不写入）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="322"/>
        <source>Report what would be copied without writing anything</source>
        <translation>只报告将要复制的内容，不写入任何文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="327"/>
        <source>Follow symbolic lin&amp;ks</source>
        <translation>跟随符号链接(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="328"/>
        <source>Copy what symbolic links point to instead of the links themselves</source>
        <translation>复制符号链接所指向的内容，而不是链接本身</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="334"/>
        <source>Safer against power loss, slower: flush every file before moving on</source>
        <translation>更能防止断电丢失数据，但更慢：每个文件都先写入磁盘再继续</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="370"/>
        <source>Owner and &amp;group</source>
        <translation>所有者和组(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="372"/>
        <source>Give each copy its source&apos;s owner and group (run as another user than root: only the group, where it is one of yours)</source>
        <translation>让每个副本沿用源的所有者和组（以非 root 用户运行时：仅在该组是你所属的组时沿用组）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="378"/>
        <source>Extended attri&amp;butes</source>
        <translation>扩展属性(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="379"/>
        <source>Copy the extended attributes of files and folders</source>
        <translation>复制文件和文件夹的扩展属性</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="383"/>
        <location filename="../../gui/job_form.py" line="385"/>
        <source>ACLs</source>
        <translation>ACL</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="384"/>
        <source>Copy the POSIX access control lists of files and folders</source>
        <translation>复制文件和文件夹的 POSIX 访问控制列表</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="388"/>
        <source>Holes in sparse files</source>
        <translation>稀疏文件的空洞</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="390"/>
        <source>Leave the holes of sparse files unwritten in plain copies, so they take no space; unchecked, holes are written as zeros</source>
        <translation>普通复制时不写入稀疏文件的空洞，使其不占空间；不勾选时，空洞写为零</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="396"/>
        <source>&amp;Hard links</source>
        <translation>硬链接(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="398"/>
        <source>Link the copies of names that share one file, as in the source; unchecked, each name is copied on its own</source>
        <translation>像源中一样，让共享同一文件的各个名称的副本互为硬链接；不勾选时，每个名称单独复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="404"/>
        <location filename="../../gui/job_form.py" line="409"/>
        <source>FIFOs and devices</source>
        <translation>FIFO 和设备文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="406"/>
        <source>Recreate FIFOs and device files (devices need root); unchecked, they are skipped</source>
        <translation>重建 FIFO 和设备文件（设备文件需要 root）；不勾选时跳过它们</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="445"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="452"/>
        <source>&amp;Workers:</source>
        <translation>工作进程(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="479"/>
        <source>&amp;Include:</source>
        <translation>包含(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="480"/>
        <source>E&amp;xclude:</source>
        <translation>排除(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="483"/>
        <source>Clone instead of cop&amp;ying:</source>
        <translation>以克隆代替复制(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="482"/>
        <source>When a file &amp;exists:</source>
        <translation>文件已存在时(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="140"/>
        <source>S&amp;ource</source>
        <translation>源(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="141"/>
        <source>Drop it here to copy from this folder</source>
        <translation>放到这里：从这个文件夹复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="164"/>
        <source>Copy the source into the target; nothing is deleted anywhere.</source>
        <translation>把源复制到目标；任何地方都不会删除内容。</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="167"/>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="169"/>
        <source>Copy, then delete from the target what no source file leads to, so it matches the source; you confirm the list first.</source>
        <translation>复制，然后从目标中删除源中没有对应项的内容，使其与源一致；删除前会先请你确认清单。</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="174"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="176"/>
        <source>Copy, then remove each source file once its copy is in place; you confirm the list first.</source>
        <translation>复制，每个文件的副本就位后再从源中移除它；移除前会先请你确认清单。</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="218"/>
        <source>e.g. tcp://scheduler:8786</source>
        <translation>例如 tcp://scheduler:8786</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="318"/>
        <source>verifying</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="324"/>
        <source>dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="330"/>
        <source>following links</source>
        <translation>跟随链接</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="333"/>
        <source>Flush ea&amp;ch file to disk</source>
        <translation>逐个文件写入磁盘(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="336"/>
        <source>flushing each file</source>
        <translation>逐个文件写入磁盘</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="375"/>
        <source>owner and group</source>
        <translation>所有者和组</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="380"/>
        <source>extended attributes</source>
        <translation>扩展属性</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="393"/>
        <source>holes</source>
        <translation>空洞</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="401"/>
        <source>hard links</source>
        <translation>硬链接</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="437"/>
        <source>into</source>
        <translation>复制到</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="461"/>
        <source>Optio&amp;ns</source>
        <translation>选项(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="463"/>
        <source>Filters, existing files, what to keep, limits, safety and where to run</source>
        <translation>筛选、已存在的文件、保留内容、限制、安全以及运行位置</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="488"/>
        <source>R&amp;un on:</source>
        <translation>运行于(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="489"/>
        <source>Scheduler:</source>
        <translation>调度器：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="493"/>
        <source>Speed &amp;limit per worker:</source>
        <translation>每个工作进程限速(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="494"/>
        <source>&amp;Retries:</source>
        <translation>重试(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="495"/>
        <source>Time li&amp;mit per file:</source>
        <translation>单文件时限(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="504"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="505"/>
        <source>Existing files</source>
        <translation>已存在的文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="506"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="507"/>
        <source>Where to run</source>
        <translation>运行位置</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="508"/>
        <source>Limits</source>
        <translation>限制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="509"/>
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="713"/>
        <source>only {globs}</source>
        <translation>仅 {globs}</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="715"/>
        <source>leaving out {globs}</source>
        <translation>排除 {globs}</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="720"/>
        <source>clone: {when}</source>
        <translation>克隆：{when}</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="723"/>
        <source>not keeping {what}</source>
        <translation>不保留{what}</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="723"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="725"/>
        <source>{rate}/s per worker</source>
        <translation>每个工作进程 {rate}/秒</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/job_form.py" line="727"/>
        <source>%n retries</source>
        <translation>
            <numerusform>重试 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="730"/>
        <source>at most {seconds} s per file</source>
        <translation>每个文件最多 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="738"/>
        <source>on a Dask cluster</source>
        <translation>在 Dask 集群上运行</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="740"/>
        <source>everything kept, no filters, no limits</source>
        <translation>全部保留，无筛选，无限制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="741"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="682"/>
        <source>Choose a source and a target folder.</source>
        <translation>请选择源文件夹和目标文件夹。</translation>
    </message>
</context>
<context>
    <name>JobWatcher</name>
    <message>
        <location filename="../../gui/jobs/watcher.py" line="127"/>
        <source>Lost the job: {reason}</source>
        <translation>与任务失去联系：{reason}</translation>
    </message>
</context>
<context>
    <name>JobsMonitor</name>
    <message>
        <location filename="../../gui/jobs/monitor.py" line="137"/>
        <source>Running jobs cannot be listed: {reason}</source>
        <translation>无法列出正在运行的任务：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/monitor.py" line="150"/>
        <source>The history cannot be read: {reason}</source>
        <translation>无法读取历史记录：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/monitor.py" line="161"/>
        <source>The schedule cannot be read: {reason}</source>
        <translation>无法读取计划任务：{reason}</translation>
    </message>
</context>
<context>
    <name>JobsSidebar</name>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="76"/>
        <source>No jobs are running.</source>
        <translation>没有正在运行的任务。</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="78"/>
        <source>No jobs are waiting.</source>
        <translation>没有等待中的任务。</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="83"/>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="86"/>
        <source>Show or hide the jobs running now</source>
        <translation>显示或隐藏正在运行的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="89"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="92"/>
        <source>Show or hide the jobs waiting for a disk another job writes to</source>
        <translation>显示或隐藏在等待另一个任务写完同一磁盘的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="95"/>
        <source>Scheduled</source>
        <translation>计划任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="98"/>
        <source>Show or hide the jobs cron runs</source>
        <translation>显示或隐藏由 cron 运行的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="101"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="101"/>
        <source>Show or hide the jobs that ran</source>
        <translation>显示或隐藏运行过的任务</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/jobs/sidebar.py" line="178"/>
        <source>%n job(s) running</source>
        <translation>
            <numerusform>%n 个任务正在运行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/jobs/sidebar.py" line="179"/>
        <source>%n job(s) queued</source>
        <translation>
            <numerusform>%n 个任务在排队</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="193"/>
        <source>Cancel this job?</source>
        <translation>取消这个任务吗？</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="195"/>
        <source>Cancel the job copying {route}? Files being written are removed; finished files stay.</source>
        <translation>取消正在复制 {route} 的任务吗？正在写入的文件会被删除；已完成的文件保留。</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="198"/>
        <source>Cancel the job</source>
        <translation>取消任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="199"/>
        <source>Keep it running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="233"/>
        <source>Remove this scheduled job?</source>
        <translation>移除这个计划任务吗？</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="235"/>
        <source>Take the job {file} ({cron}) out of your crontab? The job file stays; your own crontab lines are not touched.</source>
        <translation>要把任务 {file}（{cron}）从你的 crontab 中移除吗？任务文件会保留；你自己写的 crontab 行不受影响。</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="238"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="239"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="253"/>
        <source>The scheduled job could not be removed: {reason}</source>
        <translation>无法移除该计划任务：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="263"/>
        <source>Copy ended</source>
        <translation>复制已结束</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="266"/>
        <source>Copy finished</source>
        <translation>复制完成</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="267"/>
        <source>Copy finished with failures</source>
        <translation>复制完成，但有失败项</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="268"/>
        <source>Copy cancelled</source>
        <translation>复制已取消</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/sidebar.py" line="269"/>
        <source>Copy stopped</source>
        <translation>复制已中止</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="108"/>
        <location filename="../../gui/main_window.py" line="351"/>
        <location filename="../../gui/main_window.py" line="354"/>
        <source>Conveyor</source>
        <translation>Conveyor</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="176"/>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="171"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="175"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="158"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="160"/>
        <source>&amp;Open job…</source>
        <translation>打开任务(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="163"/>
        <source>&amp;Save job…</source>
        <translation>保存任务(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="166"/>
        <source>&amp;Copy command line</source>
        <translation>复制命令行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="169"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="170"/>
        <source>&amp;Job</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="173"/>
        <source>&amp;Pause / Resume</source>
        <translation>暂停/继续(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="179"/>
        <source>C&amp;ompare source and target</source>
        <translation>比较源和目标(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="183"/>
        <source>List what the target lacks, holds in another version, or holds besides, as a run of the job sees them; nothing is written</source>
        <translation>按任务运行时的方式，列出目标缺少的、版本不同的和多出的内容；不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="294"/>
        <source>A job is running: run another once it has ended.</source>
        <translation>有任务正在运行：请在它结束后再运行其他任务。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="330"/>
        <source>Retrying {what}</source>
        <translation>正在重试：{what}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="362"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="368"/>
        <location filename="../../gui/main_window.py" line="378"/>
        <source>Open job</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="496"/>
        <source>Cancel the job and &amp;quit</source>
        <translation>取消任务并退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="498"/>
        <source>&amp;Keep it running</source>
        <translation>继续运行(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="517"/>
        <source>Target disk: {free} free</source>
        <translation>目标磁盘：可用 {free}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="520"/>
        <source>Free space on the disk that holds {path}</source>
        <translation>{path} 所在磁盘的可用空间</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="526"/>
        <source>Load average: {load:.2f}</source>
        <translation>平均负载：{load:.2f}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="362"/>
        <source>Job files (*.toml)</source>
        <translation>任务文件 (*.toml)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/main_window.py" line="146"/>
        <source>Processes running or waiting for a CPU, averaged over the last minute; this computer has %n CPU(s)</source>
        <translation>
            <numerusform>正在运行或等待 CPU 的进程数，取最近一分钟的平均值；这台计算机有 %n 个 CPU</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="387"/>
        <location filename="../../gui/main_window.py" line="389"/>
        <location filename="../../gui/main_window.py" line="400"/>
        <source>Save job</source>
        <translation>保存任务</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="402"/>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="411"/>
        <source>Command line copied to the clipboard</source>
        <translation>命令行已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="446"/>
        <source>A job is running: drop folders once it has ended.</source>
        <translation>有任务正在运行：请在它结束后再拖放文件夹。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="486"/>
        <source>Cancel the running job?</source>
        <translation>要取消正在运行的任务吗？</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="488"/>
        <source>A job is still running. Cancel it and quit? Files being written are removed; finished files stay.</source>
        <translation>任务仍在运行。要取消任务并退出吗？正在写入的文件会被删除，已完成的文件会保留。</translation>
    </message>
</context>
<context>
    <name>NowCopying</name>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="108"/>
        <source>Worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="109"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="110"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="111"/>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="112"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="113"/>
        <source>On it for</source>
        <translation>已处理</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="114"/>
        <source>Doing</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="117"/>
        <source>What each worker process of the job is doing now</source>
        <translation>任务的每个工作进程现在在做什么</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="118"/>
        <source>Now copying</source>
        <translation>正在复制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="198"/>
        <source>Process {pid} on {host}</source>
        <translation>{host} 上的进程 {pid}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="200"/>
        <source>Process {pid}</source>
        <translation>进程 {pid}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="209"/>
        <source>waiting for a file</source>
        <translation>等待文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="209"/>
        <source>stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="230"/>
        <source>{done} of {size}</source>
        <translation>{done} / {size}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="238"/>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="240"/>
        <source>no progress for {seconds} s</source>
        <translation>{seconds} 秒无进展</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="242"/>
        <source>finishing this file, then stopping</source>
        <translation>完成此文件后停止</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/now_copying.py" line="243"/>
        <source>copying</source>
        <translation>正在复制</translation>
    </message>
</context>
<context>
    <name>OpenFolder</name>
    <message>
        <location filename="../../gui/open_folder.py" line="17"/>
        <source>Open target</source>
        <translation>打开目标</translation>
    </message>
    <message>
        <location filename="../../gui/open_folder.py" line="19"/>
        <source>The target folder does not exist.</source>
        <translation>目标文件夹不存在。</translation>
    </message>
    <message>
        <location filename="../../gui/open_folder.py" line="27"/>
        <source>No file manager could be started to show the target folder.</source>
        <translation>无法启动文件管理器来显示目标文件夹。</translation>
    </message>
    <message>
        <location filename="../../gui/open_folder.py" line="30"/>
        <source>The folder is: {path}</source>
        <translation>文件夹位于：{path}</translation>
    </message>
</context>
<context>
    <name>OptionForm</name>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="48"/>
        <source>all files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="50"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="72"/>
        <source>Check or uncheck the box.</source>
        <translation>勾选或取消勾选此框。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="74"/>
        <source>Choose one of: {choices}.</source>
        <translation>请从以下选项中选择：{choices}。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="75"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="83"/>
        <source>Enter a whole number from {low} to {high}.</source>
        <translation>请输入 {low} 到 {high} 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="87"/>
        <source>Enter a number from {low} to {high}.</source>
        <translation>请输入 {low} 到 {high} 之间的数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="93"/>
        <source>Enter a whole number of at least {low}.</source>
        <translation>请输入不小于 {low} 的整数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="95"/>
        <source>Enter a number of at least {low}.</source>
        <translation>请输入不小于 {low} 的数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="99"/>
        <source>Enter a whole number of at most {high}.</source>
        <translation>请输入不大于 {high} 的整数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="101"/>
        <source>Enter a number of at most {high}.</source>
        <translation>请输入不大于 {high} 的数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="105"/>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="107"/>
        <source>Enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="110"/>
        <source>Enter text without NUL characters.</source>
        <translation>请输入不含 NUL 字符的文本。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="120"/>
        <source>Required: {what}</source>
        <translation>必填：{what}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="164"/>
        <source>{help}

Type: {type}</source>
        <translation>{help}

类型：{type}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="170"/>
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../gui/preview_dialog.py" line="72"/>
        <source>The preview failed unexpectedly: {error}</source>
        <translation>预览意外失败：{error}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="84"/>
        <location filename="../../gui/preview_dialog.py" line="88"/>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="90"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="97"/>
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="98"/>
        <source>{0} min {1} s</source>
        <translation>{0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="120"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="125"/>
        <source>The stage chain runs on a few sample files from the source, into a temporary folder; nothing is written to the target.</source>
        <translation>阶段链会在源中的少量样本文件上运行，输出到临时文件夹；不会向目标写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="134"/>
        <source>Preview status</source>
        <translation>预览状态</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="135"/>
        <source>What the preview is doing, or why it stopped</source>
        <translation>预览正在进行的操作，或停止的原因</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="140"/>
        <source>Preview running</source>
        <translation>预览进行中</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="141"/>
        <source>The preview is scanning the source and trying samples</source>
        <translation>预览正在扫描源并试运行样本</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="149"/>
        <source>Sample file</source>
        <translation>样本文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="150"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="151"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="152"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="153"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="154"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="167"/>
        <source>Sample files</source>
        <translation>样本文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="170"/>
        <source>Each sample&apos;s size before and after the stages, output size as a share of the input, the time it took, and any error</source>
        <translation>每个样本经过各阶段前后的大小、输出占输入的比例、所用时间以及出现的错误</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="174"/>
        <source>&amp;Samples:</source>
        <translation>样本(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="178"/>
        <source>Files in the job</source>
        <translation>任务中的文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="178"/>
        <source>Files and bytes the job would copy</source>
        <translation>任务将复制的文件数和字节数</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="181"/>
        <source>Estimated time</source>
        <translation>预计用时</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="183"/>
        <source>A rough guess at the whole job&apos;s duration from the samples&apos; cost per file and per byte, shared among the workers and held to the speed limit; it assumes the samples are typical, and plain copies depend mostly on the disks</source>
        <translation>根据样本每个文件和每个字节的处理开销粗略估算整个任务的用时，由各工作进程分担，并受限速约束；假定样本具有代表性，而普通复制的速度主要取决于磁盘</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="190"/>
        <source>Files in the job:</source>
        <translation>任务中的文件：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="191"/>
        <source>Estimated time:</source>
        <translation>预计用时：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="234"/>
        <source>Scanning the source and trying the stages on sample files…</source>
        <translation>正在扫描源，并在样本文件上试运行各阶段…</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="249"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="250"/>
        <source>Cancel the preview</source>
        <translation>取消预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="251"/>
        <source>Stop the preview and close this window</source>
        <translation>停止预览并关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="253"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="254"/>
        <source>Close the preview</source>
        <translation>关闭预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="255"/>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="262"/>
        <source>The preview could not run: {reason}</source>
        <translation>预览无法运行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="277"/>
        <source>{files} files, {size}</source>
        <translation>{files} 个文件，{size}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="286"/>
        <source>The source holds no files the job would copy.</source>
        <translation>源中没有此任务会复制的文件。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="289"/>
        <source>{failed} of {count} samples failed; see the Error column.</source>
        <translation>{count} 个样本中有 {failed} 个失败；请查看“错误”列。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="292"/>
        <source>Every sample went through the stages.</source>
        <translation>所有样本都已顺利通过各阶段。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="296"/>
        <source>No estimate: no sample with data went through the stages</source>
        <translation>无法估算：没有含数据的样本通过各阶段</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="308"/>
        <source>Under a second with %n worker</source>
        <translation>
            <numerusform>不到 1 秒（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="309"/>
        <source>Under a second with %n workers</source>
        <translation>
            <numerusform>不到 1 秒（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="312"/>
        <source>About {duration} with %n worker</source>
        <translation>
            <numerusform>约 {duration}（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="313"/>
        <source>About {duration} with %n workers</source>
        <translation>
            <numerusform>约 {duration}（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="300"/>
        <source>{estimate}, each held to {rate}</source>
        <translation>{estimate}，每个工作进程限速 {rate}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="320"/>
        <source>{path}
through {stages}
written as {output}</source>
        <translation>{path}
经过 {stages}
输出为 {output}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="324"/>
        <source>{path}
no stage applies: copied as it is</source>
        <translation>{path}
没有适用的阶段：按原样复制</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="107"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="108"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="109"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="110"/>
        <source>Changed</source>
        <translation>不同</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="111"/>
        <source>Extra</source>
        <translation>多余</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="112"/>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="114"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="114"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="114"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="232"/>
        <source>Path or reason</source>
        <translation>路径或原因</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="234"/>
        <source>Filter problems</source>
        <translation>筛选问题</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="236"/>
        <source>Show only problems whose path or reason contains this text (any case)</source>
        <translation>只显示路径或原因中包含此文本的问题（不区分大小写）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="238"/>
        <source>Fil&amp;ter:</source>
        <translation>筛选(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="243"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="244"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="245"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="246"/>
        <source>Problem level</source>
        <translation>问题级别</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="247"/>
        <source>Show every problem, only errors, or only warnings</source>
        <translation>显示全部问题、仅错误或仅警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="248"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="254"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="255"/>
        <source>Files that failed, and warnings and errors from the run</source>
        <translation>失败的文件，以及本次运行中的警告和错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="270"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="276"/>
        <source>How many errors and warnings the run reported</source>
        <translation>本次运行报告的错误和警告数量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="334"/>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="335"/>
        <source>modification time</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="336"/>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="337"/>
        <source>made by other stages</source>
        <translation>由其他阶段生成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="338"/>
        <source>owner, mode or attributes</source>
        <translation>所有者、权限或属性</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="339"/>
        <source>kind of entry</source>
        <translation>条目类型</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="345"/>
        <source>{detail} (in the target: {output})</source>
        <translation>{detail}（目标中为：{output}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="348"/>
        <source>in the target: {output}</source>
        <translation>目标中为：{output}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="393"/>
        <source>%n error</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="393"/>
        <source>%n errors</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="396"/>
        <source>%n warning</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="398"/>
        <source>%n warnings</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="401"/>
        <source>{errors}, {warnings}</source>
        <translation>{errors}，{warnings}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="409"/>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="413"/>
        <source>%n difference</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/problems_panel.py" line="415"/>
        <source>%n differences</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/problems_panel.py" line="418"/>
        <source>{problems}, {differences}</source>
        <translation>{problems}，{differences}</translation>
    </message>
</context>
<context>
    <name>ProgressGauge</name>
    <message>
        <location filename="../../gui/widgets/progress_gauge.py" line="101"/>
        <source>No speed measured yet</source>
        <translation>尚未测得速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_gauge.py" line="105"/>
        <source>Speed now {current}, highest {peak}</source>
        <translation>当前速度 {current}，最高 {peak}</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="60"/>
        <source>Overall progress</source>
        <translation>总进度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="84"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="85"/>
        <source>Files dealt with out of all found so far</source>
        <translation>已处理的文件数 / 目前已发现的文件总数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="87"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="87"/>
        <source>Bytes dealt with out of all found so far</source>
        <translation>已处理的字节数 / 目前已发现的字节总数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="90"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="91"/>
        <source>Bytes copied per second, measured over the last moments</source>
        <translation>最近一小段时间内每秒复制的字节数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="95"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="96"/>
        <source>Estimated time until the job is done</source>
        <translation>预计完成任务还需的时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="101"/>
        <source>Time since the job started, pauses included</source>
        <translation>自任务开始以来的时间（含暂停）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="51"/>
        <source>What the job is doing: scanning, copying, paused or finished</source>
        <translation>任务正在做什么：扫描、复制、暂停或已完成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="63"/>
        <source>Share of all bytes dealt with (copied, skipped or failed), with the speed at each point of the job behind it</source>
        <translation>已处理（复制、跳过或失败）的字节所占比例，背后是任务各阶段的速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="100"/>
        <source>Time taken</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="105"/>
        <source>Left out</source>
        <translation>未复制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="107"/>
        <source>Files beneath folders that failed: they are not copied, so the bar stops short of its end</source>
        <translation>失败文件夹下的文件：它们不会被复制，因此进度条到不了终点</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="146"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="162"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="164"/>
        <source>Scanning and copying…</source>
        <translation>正在扫描并复制…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="166"/>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="176"/>
        <location filename="../../gui/widgets/progress_panel.py" line="262"/>
        <source>{done} of {total}+</source>
        <translation>{done} / {total}+</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="176"/>
        <location filename="../../gui/widgets/progress_panel.py" line="267"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="192"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/progress_panel.py" line="201"/>
        <source>Finished; %n files failed</source>
        <translation>
            <numerusform>已完成；%n 个文件失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/progress_panel.py" line="203"/>
        <source>Finished; %n file failed</source>
        <translation>
            <numerusform>已完成；%n 个文件失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="206"/>
        <source>Dry run finished; nothing was written</source>
        <translation>试运行完成；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="208"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="214"/>
        <source>{size} to copy</source>
        <translation>待复制 {size}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="218"/>
        <source>{size} copied</source>
        <translation>已复制 {size}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="221"/>
        <source>{rate} on average</source>
        <translation>平均 {rate}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="229"/>
        <source>{files} files ({size})</source>
        <translation>{files} 个文件（{size}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="258"/>
        <source>{done} of {total}+ ({skipped} skipped, {failed} failed)</source>
        <translation>{done} / {total}+（跳过 {skipped}，失败 {failed}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="264"/>
        <source>{done} of {total} ({skipped} skipped, {failed} failed)</source>
        <translation>{done} / {total}（跳过 {skipped}，失败 {failed}）</translation>
    </message>
</context>
<context>
    <name>ResultBanner</name>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="65"/>
        <source>This is the previous run&apos;s result: the job has been changed since, so it cannot be retried or opened from here.</source>
        <translation>这是上一次运行的结果：任务此后已被修改，因此无法在这里重试或打开。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="72"/>
        <source>&amp;Retry failed</source>
        <translation>重试失败项(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="74"/>
        <source>Run the job again for the files that failed only</source>
        <translation>仅对失败的文件重新运行任务</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="78"/>
        <source>&amp;Open target</source>
        <translation>打开目标(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="80"/>
        <source>Show the target folder in the file manager</source>
        <translation>在文件管理器中显示目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="84"/>
        <source>&amp;Back to setup</source>
        <translation>返回设置(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/result_banner.py" line="84"/>
        <source>Change the job, or start it again</source>
        <translation>修改任务，或再次开始</translation>
    </message>
</context>
<context>
    <name>Route</name>
    <message>
        <location filename="../../gui/jobs/route.py" line="17"/>
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <location filename="../../gui/controller.py" line="120"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="120"/>
        <source>Start copying (Ctrl+Return)</source>
        <translation>开始复制（Ctrl+回车）</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="285"/>
        <source>Dry run: finding what the job would delete or move…</source>
        <translation>试运行：正在查找任务将删除或移动的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="296"/>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="315"/>
        <location filename="../../gui/controller.py" line="328"/>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="328"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="352"/>
        <location filename="../../gui/controller.py" line="355"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="115"/>
        <source>&amp;Preview…</source>
        <translation>预览(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="117"/>
        <source>Run the stages on a few sample files and estimate the whole job (Ctrl+R)</source>
        <translation>在几个样本文件上运行各阶段并估算整个任务（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="128"/>
        <source>Show the last run</source>
        <translation>查看上一次运行</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="130"/>
        <source>The result of the last run, and its problems</source>
        <translation>上一次运行的结果及其问题</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="358"/>
        <source>The comparison was stopped.</source>
        <translation>比较已停止。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="377"/>
        <source>Your job is running: follow another job once it has ended.</source>
        <translation>你的任务正在运行：请在它结束后再跟踪其他任务。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="396"/>
        <source>Following a job started elsewhere</source>
        <translation>正在跟踪在别处启动的任务</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="455"/>
        <source>Speed limit now {rate}/s per worker</source>
        <translation>现在每个工作进程限速 {rate}/s</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="457"/>
        <source>No speed limit now</source>
        <translation>现在不限速</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="465"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="467"/>
        <source>Finished with failures</source>
        <translation>已完成，但有失败</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="469"/>
        <source>Dry run finished; nothing was written</source>
        <translation>试运行完成；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="471"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="491"/>
        <source>Cancelled. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已取消。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="496"/>
        <source>Finished with failures. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已完成，但有文件失败。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="501"/>
        <source>Done. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已完成。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="519"/>
        <source>Not copied: {files} files ({size}) beneath folders that failed.</source>
        <translation>未复制：失败文件夹下的 {files} 个文件（{size}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="523"/>
        <source>What could not be listed in {folders} failed folders was not copied either.</source>
        <translation>{folders} 个失败文件夹中无法列出的内容也未复制。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="530"/>
        <source>The job could not run: {reason}</source>
        <translation>任务无法运行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="534"/>
        <source>The job could not run</source>
        <translation>任务无法运行</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="587"/>
        <source>Comparing the source and the target…</source>
        <translation>正在比较源和目标…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="595"/>
        <source>The comparison could not run: {reason}</source>
        <translation>比较无法进行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="606"/>
        <source>{count} missing</source>
        <translation>缺少 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="607"/>
        <source>{count} changed</source>
        <translation>不同 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="608"/>
        <source>{count} extra</source>
        <translation>多余 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="609"/>
        <source>{count} unreadable</source>
        <translation>无法读取 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="619"/>
        <source>The target matches the source: no differences; {matching} matching</source>
        <translation>目标与源一致：没有差异；{matching} 个相同</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="621"/>
        <source>{found}; {matching} matching</source>
        <translation>{found}；{matching} 个相同</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="622"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <location filename="../../gui/run_view.py" line="47"/>
        <source>How many files are worked on at once; a smaller pool is reached as workers finish the file they are on</source>
        <translation>同时处理的文件数；减少时，工作进程会先处理完手上的文件</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="51"/>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="52"/>
        <source>&amp;Workers:</source>
        <translation>工作进程(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="136"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="70"/>
        <source>Pause or resume the running job (Ctrl+P)</source>
        <translation>暂停或继续正在运行的任务（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="58"/>
        <source>Bytes per second each worker may copy, e.g. 500k or 10M; empty: no limit. A change applies to the running job at once (Enter or leaving the field)</source>
        <translation>每个工作进程每秒最多复制的字节数，例如 500k 或 10M；留空：不限速。修改会立即作用于正在运行的任务（按 Enter 或离开此字段时）</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="67"/>
        <source>Speed l&amp;imit per worker:</source>
        <translation>每个工作进程限速(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="73"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="75"/>
        <source>Stop the job; files being written are removed, finished ones stay</source>
        <translation>停止任务；正在写入的文件会被删除，已完成的文件会保留</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="81"/>
        <source>&amp;Now copying</source>
        <translation>正在复制(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="88"/>
        <source>Prob&amp;lems</source>
        <translation>问题(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="89"/>
        <source>Show or hide the problems of the run</source>
        <translation>显示或隐藏本次运行的问题</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="136"/>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="142"/>
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="152"/>
        <source>Following {source} → {target}</source>
        <translation>正在跟踪 {source} → {target}</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="170"/>
        <source>Comparing {source} with {target}</source>
        <translation>正在比较 {source} 与 {target}</translation>
    </message>
    <message>
        <location filename="../../gui/run_view.py" line="217"/>
        <source>From {source}
To {target}</source>
        <translation>从 {source}
到 {target}</translation>
    </message>
</context>
<context>
    <name>RunWords</name>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="19"/>
        <source>{when}: finished</source>
        <translation>{when}：已完成</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="20"/>
        <source>{when}: finished with failures</source>
        <translation>{when}：已完成，有失败项</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="21"/>
        <source>{when}: cancelled</source>
        <translation>{when}：已取消</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="22"/>
        <source>{when}: stopped</source>
        <translation>{when}：已中止</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="38"/>
        <source>{done} copied, {skipped} skipped, {failed} failed; {size} in {time}</source>
        <translation>已复制 {done}，跳过 {skipped}，失败 {failed}；{time} 内 {size}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/run_words.py" line="41"/>
        <source>{done} copied, {failed} failed; {size} in {time}</source>
        <translation>已复制 {done}，失败 {failed}；{time} 内 {size}</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="58"/>
        <source>Schedule a job</source>
        <translation>计划任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="63"/>
        <source>The job in the form</source>
        <translation>表单中的任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="65"/>
        <source>Save the job the window describes, and run it</source>
        <translation>保存窗口中描述的任务，并按计划运行它</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="67"/>
        <source>A job file:</source>
        <translation>任务文件：</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="69"/>
        <source>Run a job file saved with File → Save job</source>
        <translation>运行用“文件 → 保存任务”保存的任务文件</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="75"/>
        <source>Job file</source>
        <translation>任务文件</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="76"/>
        <source>The job file (.toml) to run</source>
        <translation>要运行的任务文件（.toml）</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="77"/>
        <source>nightly.toml</source>
        <translation>nightly.toml</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="78"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="80"/>
        <location filename="../../gui/jobs/schedule_dialog.py" line="81"/>
        <location filename="../../gui/jobs/schedule_dialog.py" line="169"/>
        <source>Choose the job file</source>
        <translation>选择任务文件</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="87"/>
        <source>Cron expression</source>
        <translation>Cron 表达式</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="90"/>
        <source>Five fields: minute, hour, day of the month, month, day of the week; &quot;0 2 * * *&quot; is 02:00 every day, &quot;30 1 * * 1-5&quot; 01:30 Monday to Friday</source>
        <translation>五个字段：分钟、小时、日、月、星期；“0 2 * * *”表示每天 02:00，“30 1 * * 1-5”表示周一至周五 01:30</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="94"/>
        <source>&amp;When (cron):</source>
        <translation>时间（cron）(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="100"/>
        <source>Next runs</source>
        <translation>接下来的运行</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="107"/>
        <location filename="../../gui/jobs/schedule_dialog.py" line="220"/>
        <source>Schedule</source>
        <translation>加入计划</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="110"/>
        <source>Add the job to your crontab</source>
        <translation>把任务加入你的 crontab</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="112"/>
        <source>Close; schedule nothing</source>
        <translation>关闭；不计划任何任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="141"/>
        <source>Job:</source>
        <translation>任务：</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="172"/>
        <source>Job files (*.toml)</source>
        <translation>任务文件 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="172"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="196"/>
        <source>Next runs:
{times}</source>
        <translation>接下来的运行：
{times}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="197"/>
        <source>{words}.
Next runs:
{times}</source>
        <translation>{words}。
接下来的运行：
{times}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="220"/>
        <source>Scheduling…</source>
        <translation>正在加入计划…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_dialog.py" line="232"/>
        <source>The job could not be scheduled: {reason}</source>
        <translation>无法计划该任务：{reason}</translation>
    </message>
</context>
<context>
    <name>ScheduleList</name>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="82"/>
        <source>Schedule…</source>
        <translation>计划…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="84"/>
        <source>Run a job at set times from your crontab</source>
        <translation>通过你的 crontab 在设定的时间运行任务</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="93"/>
        <source>Reading the schedule…</source>
        <translation>正在读取计划任务…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="107"/>
        <source>No jobs are scheduled.</source>
        <translation>没有计划任务。</translation>
    </message>
</context>
<context>
    <name>ScheduleRow</name>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="37"/>
        <source>{cron}, id {id}</source>
        <translation>{cron}，编号 {id}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="42"/>
        <source>Next run: {when}</source>
        <translation>下次运行：{when}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="47"/>
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="49"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="51"/>
        <source>Scheduled job {id}: {when}</source>
        <translation>计划任务 {id}：{when}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/schedule_list.py" line="56"/>
        <source>Take this job out of your crontab ({id})</source>
        <translation>把这个任务从你的 crontab 中移除（{id}）</translation>
    </message>
</context>
<context>
    <name>SpeedLimitField</name>
    <message>
        <location filename="../../gui/widgets/speed_limit_field.py" line="27"/>
        <source>no limit</source>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/speed_limit_field.py" line="30"/>
        <source>Bytes per second each worker may copy, e.g. 500k or 10M; the job as a whole goes up to this times the number of workers. Empty: no limit</source>
        <translation>每个工作进程每秒最多复制的字节数，例如 500k 或 10M；整个任务最多为此值乘以工作进程数。留空：不限速</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/speed_limit_field.py" line="34"/>
        <source>Speed limit per worker</source>
        <translation>每个工作进程的限速</translation>
    </message>
</context>
<context>
    <name>StageChainEditor</name>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="110"/>
        <source>&amp;Add stage</source>
        <translation>添加阶段(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="111"/>
        <source>Add a stage after the selected one</source>
        <translation>在所选阶段之后添加一个阶段</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="116"/>
        <source>Stages each file goes through</source>
        <translation>每个文件经过的阶段</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="123"/>
        <source>Every file goes through these stages from left to right. Select one to see its options; Delete removes it, Ctrl+Left and Ctrl+Right move it.</source>
        <translation>每个文件从左到右依次经过这些阶段。选中一个可查看其选项；按 Delete 删除，按 Ctrl+左/右方向键移动。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="135"/>
        <source>Move earlier</source>
        <translation>前移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="137"/>
        <source>Run the selected stage one step earlier (Ctrl+Left)</source>
        <translation>让选中的阶段提前一步运行（Ctrl+左方向键）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="141"/>
        <source>Move later</source>
        <translation>后移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="143"/>
        <source>Run the selected stage one step later (Ctrl+Right)</source>
        <translation>让选中的阶段推后一步运行（Ctrl+右方向键）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="147"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="147"/>
        <source>Remove the selected stage (Delete)</source>
        <translation>移除所选阶段（Delete）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="303"/>
        <source>then</source>
        <translation>然后</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="350"/>
        <source>{stage}: {summary}</source>
        <translation>{stage}：{summary}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="361"/>
        <source>Stage {position} of {count}</source>
        <translation>第 {position} 个阶段，共 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="367"/>
        <source>Stage {position}: {stage}</source>
        <translation>第 {position} 个阶段：{stage}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="223"/>
        <source>Stage {position} ({name}): {problem}</source>
        <translation>第 {position} 个阶段（{name}）：{problem}</translation>
    </message>
</context>
<context>
    <name>Stages</name>
    <message>
        <location filename="../../gui/stage_texts.py" line="30"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="31"/>
        <source>Gzip</source>
        <translation>Gzip 压缩</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="32"/>
        <source>Zstandard</source>
        <translation>Zstandard 压缩</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="33"/>
        <source>Checksum</source>
        <translation>校验和</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="34"/>
        <source>Resize images</source>
        <translation>调整图像大小</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="35"/>
        <source>Re-encode text</source>
        <translation>文本转码</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="36"/>
        <source>Run a command</source>
        <translation>运行命令</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="41"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="42"/>
        <source>Also .gz and .tgz files</source>
        <translation>也压缩 .gz 和 .tgz 文件</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="43"/>
        <source>Only files matching</source>
        <translation>仅限匹配的文件</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="44"/>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="45"/>
        <source>Fit within</source>
        <translation>适应范围</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="46"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="47"/>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="48"/>
        <source>Largest image</source>
        <translation>最大图像</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="49"/>
        <source>From encoding</source>
        <translation>源编码</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="50"/>
        <source>To encoding</source>
        <translation>目标编码</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="51"/>
        <source>Line endings</source>
        <translation>换行符</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="52"/>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="53"/>
        <source>Output extension</source>
        <translation>输出扩展名</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="54"/>
        <source>Time limit</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="59"/>
        <source>Keep as it is</source>
        <translation>保持原样</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="60"/>
        <source>JPEG</source>
        <translation>JPEG</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="61"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="62"/>
        <source>WebP</source>
        <translation>WebP</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="63"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="64"/>
        <source>SHA-1</source>
        <translation>SHA-1</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="65"/>
        <source>MD5</source>
        <translation>MD5</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="66"/>
        <source>BLAKE2b</source>
        <translation>BLAKE2b</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="67"/>
        <source>LF (Unix)</source>
        <translation>LF（Unix）</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="68"/>
        <source>CRLF (Windows)</source>
        <translation>CRLF（Windows）</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="73"/>
        <source>Copy each file byte for byte (the kernel copies it when nothing else does).</source>
        <translation>逐字节复制每个文件（没有其他阶段处理时由内核复制）。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="77"/>
        <source>Compress each file to NAME.gz, keeping the original name and mtime in the header for &apos;gunzip -N&apos;; files already named .gz or .tgz are copied as they are.</source>
        <translation>把每个文件压缩为 NAME.gz，并在文件头中保留原文件名和修改时间，供 &apos;gunzip -N&apos; 使用；已经以 .gz 或 .tgz 命名的文件按原样复制。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="82"/>
        <source>Compression level: 1 is fastest, 9 gives the smallest files.</source>
        <translation>压缩级别：1 最快，9 得到的文件最小。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="83"/>
        <source>Compress files already named .gz or .tgz too (like gzip -f); by default they are copied unchanged.</source>
        <translation>也压缩已经以 .gz 或 .tgz 命名的文件（如同 gzip -f）；默认按原样复制它们。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="88"/>
        <source>Compress each file to NAME.zst (Zstandard, as &apos;zstd -d&apos; reads it).</source>
        <translation>把每个文件压缩为 NAME.zst（Zstandard 格式，可用 &apos;zstd -d&apos; 解压）。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="91"/>
        <source>Compression level: 1 is fastest, 19-22 give the smallest files but are slow and take much more memory.</source>
        <translation>压缩级别：1 最快，19–22 得到的文件最小，但速度慢且占用多得多的内存。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="96"/>
        <source>Hash each written file into SHA256SUMS (or MD5SUMS, ...) at the target root.</source>
        <translation>计算每个写入文件的哈希值，记入目标根目录下的 SHA256SUMS（或 MD5SUMS 等）。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="100"/>
        <source>Hash algorithm; blake2b is BLAKE2b-512, as b2sum checks it.</source>
        <translation>哈希算法；blake2b 即 BLAKE2b-512，与 b2sum 的校验方式一致。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="101"/>
        <source>Shrink images to fit within a box, keeping their shape; optionally re-encode.</source>
        <translation>缩小图像以适应给定范围并保持比例；可选择重新编码。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="105"/>
        <source>Required: the box to fit in, WIDTHxHEIGHT or N for NxN. Smaller images are not enlarged; upright ones already in the target format are copied byte for byte.</source>
        <translation>必填：要适应的范围，格式为 宽x高，或 N 表示 NxN。较小的图像不会放大；方向正确且已是目标格式的图像逐字节复制。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="110"/>
        <source>Format to write; &apos;keep&apos; writes each image in its own format and keeps its name.</source>
        <translation>要写入的格式；“保持原样”按每个图像自己的格式写入并保留其文件名。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="114"/>
        <source>JPEG and WebP quality.</source>
        <translation>JPEG 和 WebP 的质量。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="115"/>
        <source>Images with more pixels fail unread (protects memory against decompression bombs).</source>
        <translation>像素更多的图像不读取，直接判为失败（防止解压炸弹耗尽内存）。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="119"/>
        <source>Convert text to another character encoding (detecting the source&apos;s) and optionally normalise newlines; binary files pass untouched.</source>
        <translation>把文本转换为另一种字符编码（自动检测源编码），并可选择统一换行符；二进制文件原样通过。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="124"/>
        <source>Encoding of the source text, e.g. gb18030, big5, latin-1; &apos;auto&apos; detects it. A byte-order mark at the start of a file overrides it.</source>
        <translation>源文本的编码，例如 gb18030、big5、latin-1；auto 表示自动检测。文件开头的字节顺序标记优先。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="129"/>
        <source>Encoding to write, e.g. utf-8, utf-16; utf-8-sig writes UTF-8 with a BOM.</source>
        <translation>要写入的编码，例如 utf-8、utf-16；utf-8-sig 写入带 BOM 的 UTF-8。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="133"/>
        <source>Line endings to write: keep them as they are, lf (Unix) or crlf (Windows).</source>
        <translation>要写入的换行符：保持原样、LF（Unix）或 CRLF（Windows）。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="137"/>
        <source>Run a command on each file: it reads {in} (or its stdin) and writes {out}, or its stdout is the output.</source>
        <translation>对每个文件运行一条命令：它读取 {in}（或其标准输入）并写入 {out}，或以其标准输出作为输出。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="142"/>
        <source>The command, split into arguments like a shell would but never run by one. In each argument {in} is the input file (without {in}, stdin is the input), {out} where to write the output (without {out}, stdout is the output), {name}, {stem} and {ext} the file&apos;s name, name without extension, and extension without the dot. {in} and {out} are paths of safe characters only; pass the others to a shell script as arguments: sh -c &apos;... &quot;$1&quot;&apos; sh {name}.</source>
        <translation>要运行的命令，按 shell 的方式拆分为参数，但从不经由 shell 运行。在每个参数中，{in} 是输入文件（没有 {in} 时以标准输入为输入），{out} 是输出的写入位置（没有 {out} 时以标准输出为输出），{name}、{stem} 和 {ext} 分别是文件名、不含扩展名的文件名和不含点的扩展名。{in} 和 {out} 只由安全字符组成；其他占位符请作为参数传给 shell 脚本：sh -c &apos;... &quot;$1&quot;&apos; sh {name}。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="151"/>
        <source>Give the output this extension instead of its last one (png and .png alike); empty keeps the name.</source>
        <translation>用这个扩展名替换输出文件的最后一个扩展名（png 与 .png 均可）；留空则保留文件名。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="156"/>
        <source>Seconds one file&apos;s command may run before it is killed (the file fails); 0: no limit.</source>
        <translation>单个文件的命令最多可运行的秒数，超时即终止（该文件失败）；0：不限制。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="160"/>
        <source>Only files matching these globs (separated by &apos;;&apos;) go through the stage; others pass.</source>
        <translation>只有匹配这些通配符（以 ; 分隔）的文件经过此阶段；其他文件直接通过。</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="203"/>
        <source>only {globs}</source>
        <translation>仅 {globs}</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="205"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="207"/>
        <source>every file</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="217"/>
        <source>level {level}</source>
        <translation>级别 {level}</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="223"/>
        <source>{box} px</source>
        <translation>{box} 像素</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="225"/>
        <source>no size yet</source>
        <translation>尚未设定大小</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="232"/>
        <source>{source} → {target}</source>
        <translation>{source} → {target}</translation>
    </message>
    <message>
        <location filename="../../gui/stage_texts.py" line="238"/>
        <source>no command yet</source>
        <translation>尚未设定命令</translation>
    </message>
</context>
<context>
    <name>Steering</name>
    <message>
        <location filename="../../gui/jobs/running.py" line="127"/>
        <source>The job could not be paused: {reason}</source>
        <translation>无法暂停该任务：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/running.py" line="128"/>
        <source>The job could not be resumed: {reason}</source>
        <translation>无法继续该任务：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/running.py" line="129"/>
        <source>The job could not be cancelled: {reason}</source>
        <translation>无法取消该任务：{reason}</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <location filename="../../gui/jobs/tray.py" line="80"/>
        <source>Conveyor: %n job(s) running</source>
        <translation>
            <numerusform>Conveyor：%n 个任务正在运行</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowTitle</name>
    <message>
        <location filename="../../gui/jobs/title.py" line="24"/>
        <source>{percent}, paused — {app}</source>
        <translation>{percent}，已暂停 — {app}</translation>
    </message>
    <message>
        <location filename="../../gui/jobs/title.py" line="27"/>
        <source>{percent} — {app}</source>
        <translation>{percent} — {app}</translation>
    </message>
</context>
</TS>
