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
        <location filename="../../gui/confirm_dialog.py" line="108"/>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="113"/>
        <source>Dry run status</source>
        <translation>试运行状态</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="118"/>
        <source>Dry run running</source>
        <translation>试运行进行中</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="126"/>
        <source>Items to &amp;delete from the target:</source>
        <translation>要从目标中删除的项(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="127"/>
        <source>Items to delete</source>
        <translation>要删除的项</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="128"/>
        <source>The target&apos;s files and folders the mirror would delete</source>
        <translation>镜像将删除的目标中的文件和文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="132"/>
        <source>&amp;Files to move out of the source:</source>
        <translation>要移出源的文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="133"/>
        <source>Files to move</source>
        <translation>要移动的文件</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="134"/>
        <source>The source&apos;s files the move would remove once they are copied</source>
        <translation>移动将在复制完成后从源中删除的文件</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="142"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="143"/>
        <source>Cancel; write nothing</source>
        <translation>取消；不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="144"/>
        <source>Go back to the job without writing anything</source>
        <translation>返回任务，不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="178"/>
        <source>Confirm the mirror and move</source>
        <translation>确认镜像和移动</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="179"/>
        <source>Confirm the mirror</source>
        <translation>确认镜像</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="179"/>
        <source>Confirm the move</source>
        <translation>确认移动</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="183"/>
        <source>Mirror and &amp;move</source>
        <translation>镜像并移动(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="184"/>
        <source>&amp;Mirror</source>
        <translation>镜像(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="184"/>
        <source>&amp;Move</source>
        <translation>移动(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="203"/>
        <source>A dry run is finding what the job would delete and move…</source>
        <translation>正在试运行，查找任务将删除和移动的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="205"/>
        <source>A dry run is finding what the mirror would delete…</source>
        <translation>正在试运行，查找镜像将删除的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="206"/>
        <source>A dry run is finding what the move would take out of the source…</source>
        <translation>正在试运行，查找移动将从源中移出的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="220"/>
        <source>Found so far: {count}</source>
        <translation>目前已找到：{count}</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="229"/>
        <source>The dry run was cancelled.</source>
        <translation>试运行已取消。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="249"/>
        <source>Delete 1 item in the target?</source>
        <translation>删除目标中的 1 项？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="252"/>
        <source>Delete {count} items in the target?</source>
        <translation>删除目标中的 {count} 项？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="255"/>
        <source>Move 1 file out of the source?</source>
        <translation>将 1 个文件移出源？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="258"/>
        <source>Move {count} files out of the source?</source>
        <translation>将 {count} 个文件移出源？</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="267"/>
        <source>The source has nothing that leads to these files and folders of the target; the mirror deletes them after copying.</source>
        <translation>源中没有任何内容对应目标中的这些文件和文件夹；镜像会在复制完成后删除它们。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="274"/>
        <source>Each of these files is removed from the source once its copy is complete in the target; a file that fails stays.</source>
        <translation>这些文件在目标中的副本完成后会从源中删除；失败的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="280"/>
        <source>The dry run found {count} files that would fail.</source>
        <translation>试运行发现 {count} 个文件将会失败。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="287"/>
        <source>More would be deleted than the job&apos;s limit allows, so the mirror will delete nothing and the job will fail.</source>
        <translation>要删除的数量超过任务的上限，因此镜像不会删除任何内容，任务将失败。</translation>
    </message>
    <message>
        <location filename="../../gui/confirm_dialog.py" line="298"/>
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
    <name>ErrorLabel</name>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="50"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="51"/>
        <source>What must be fixed before the job can start</source>
        <translation>开始任务前必须解决的问题</translation>
    </message>
</context>
<context>
    <name>FolderField</name>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="36"/>
        <source>Drop one folder here; files and several folders can&apos;t be used.</source>
        <translation>请拖放一个文件夹到此处；不支持文件或多个文件夹。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="87"/>
        <source>Type a path, browse, or drop a folder here</source>
        <translation>输入路径、浏览，或将文件夹拖放到此处</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="89"/>
        <source>A folder path: type it, browse for it, or drop a folder</source>
        <translation>文件夹路径：可直接输入、浏览选择或拖放文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="98"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="99"/>
        <source>Choose the folder in a dialog</source>
        <translation>在对话框中选择文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/folder_field.py" line="100"/>
        <source>Browse for a folder</source>
        <translation>浏览文件夹</translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <location filename="../../gui/formatting.py" line="21"/>
        <source>{0} B</source>
        <translation>{0} B</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="22"/>
        <source>{0} kB</source>
        <translation>{0} kB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="23"/>
        <source>{0} MB</source>
        <translation>{0} MB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="24"/>
        <source>{0} GB</source>
        <translation>{0} GB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="25"/>
        <source>{0} TB</source>
        <translation>{0} TB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="26"/>
        <source>{0} PB</source>
        <translation>{0} PB</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="33"/>
        <source>{0} B/s</source>
        <translation>{0} B/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="34"/>
        <source>{0} kB/s</source>
        <translation>{0} kB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="35"/>
        <source>{0} MB/s</source>
        <translation>{0} MB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="36"/>
        <source>{0} GB/s</source>
        <translation>{0} GB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="37"/>
        <source>{0} TB/s</source>
        <translation>{0} TB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="38"/>
        <source>{0} PB/s</source>
        <translation>{0} PB/s</translation>
    </message>
    <message>
        <location filename="../../gui/formatting.py" line="83"/>
        <source>{0}%</source>
        <translation>{0}%</translation>
    </message>
</context>
<context>
    <name>JobForm</name>
    <message>
        <location filename="../../gui/job_form.py" line="116"/>
        <source>Choose the folder to copy from</source>
        <translation>选择要复制的源文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="117"/>
        <source>The folder whose contents are copied</source>
        <translation>要复制其中内容的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="118"/>
        <source>Source folder</source>
        <translation>源文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="119"/>
        <source>Choose the folder to copy into</source>
        <translation>选择要复制到的目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="120"/>
        <source>The folder the copies go into; it is created if needed</source>
        <translation>存放副本的文件夹；不存在时会自动创建</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="121"/>
        <source>Target folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="127"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="128"/>
        <source>Copy the source into the target; nothing is deleted anywhere</source>
        <translation>将源复制到目标；任何地方都不删除</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="131"/>
        <source>Mirror (delete what the source does not have)</source>
        <translation>镜像（删除源中没有的内容）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="133"/>
        <source>Copy, then delete from the target what no source file leads to, so it matches the source; you confirm the list first</source>
        <translation>复制，然后从目标中删除没有对应源文件的内容，使其与源一致；删除前会先请您确认列表</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="138"/>
        <source>Move (empty the source)</source>
        <translation>移动（清空源）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="140"/>
        <source>Copy, then remove each source file once its copy is in place; you confirm the list first</source>
        <translation>复制，然后在每个副本就位后删除对应的源文件；删除前会先请您确认列表</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="150"/>
        <source>Copy leaves both folders&apos; other files alone; Mirror also deletes extra files in the target; Move removes the copied files from the source</source>
        <translation>复制不动两个文件夹中的其他文件；镜像还会删除目标中多余的文件；移动会从源中删除已复制的文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="154"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="156"/>
        <source>Copy, mirror (delete extras in the target) or move (empty the source)</source>
        <translation>复制、镜像（删除目标中多余的内容）或移动（清空源）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="162"/>
        <source>How many files are worked on at once; can be changed while a job runs</source>
        <translation>同时处理的文件数；任务运行中也可以更改</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="164"/>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/job_form.py" line="165"/>
        <source>of %n CPU(s)</source>
        <translation>
            <numerusform>（共 %n 个 CPU）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="167"/>
        <source>Processes on this computer</source>
        <translation>本机上的进程</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="168"/>
        <source>A Dask cluster</source>
        <translation>Dask 集群</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="171"/>
        <source>Where the workers run: processes on this computer, or the workers of a Dask cluster, which must see the source and target folders at the same paths</source>
        <translation>工作进程在哪里运行：本机上的进程，或 Dask 集群的工作节点（它们必须能以相同的路径访问源文件夹和目标文件夹）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="175"/>
        <source>Run on</source>
        <translation>运行于</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="178"/>
        <source>e.g. tcp://scheduler:8786; empty: a new cluster on this computer</source>
        <translation>例如 tcp://scheduler:8786；留空：在本机新建集群</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="182"/>
        <source>The address of a running Dask scheduler; leave it empty to start a cluster on this computer. Used only when running on a Dask cluster</source>
        <translation>正在运行的 Dask 调度器的地址；留空则在本机启动一个集群。仅在 Dask 集群上运行时使用</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="186"/>
        <source>Dask scheduler address</source>
        <translation>Dask 调度器地址</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="189"/>
        <source>The stages every file passes through, in order</source>
        <translation>每个文件依次经过的处理阶段</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="190"/>
        <source>Stage chain</source>
        <translation>阶段链</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="192"/>
        <source>e.g. **/*.jpg;docs/**</source>
        <translation>例如 **/*.jpg;docs/**</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="194"/>
        <source>Only files matching these globs are copied (separate them with &apos;;&apos;)</source>
        <translation>只复制匹配这些通配模式的文件（用“;”分隔）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="196"/>
        <source>Include globs</source>
        <translation>包含的通配模式</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="198"/>
        <source>e.g. *.tmp;node_modules</source>
        <translation>例如 *.tmp;node_modules</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="200"/>
        <source>Files and folders matching these globs are left out (separate with &apos;;&apos;)</source>
        <translation>跳过匹配这些通配模式的文件和文件夹（用“;”分隔）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="202"/>
        <source>Exclude globs</source>
        <translation>排除的通配模式</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="205"/>
        <source>Replace when changed (size or time differ)</source>
        <translation>有变化时替换（大小或时间不同）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="206"/>
        <source>Always keep the existing file</source>
        <translation>始终保留现有文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="207"/>
        <source>Always replace</source>
        <translation>始终替换</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="208"/>
        <source>Replace when the source is newer</source>
        <translation>源文件较新时替换</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="209"/>
        <source>Keep both (name (1).ext)</source>
        <translation>保留两者（name (1).ext）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="213"/>
        <source>What to do when a file already exists in the target</source>
        <translation>目标中已存在同名文件时如何处理</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="214"/>
        <source>When a file exists</source>
        <translation>文件已存在时</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="216"/>
        <source>no limit</source>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="218"/>
        <source>Bytes per second each worker may copy, e.g. 500k or 10M; empty: no limit</source>
        <translation>每个工作进程每秒最多复制的字节数，例如 500k 或 10M；留空表示不限速</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="220"/>
        <source>Speed limit per worker</source>
        <translation>每个工作进程的限速</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="226"/>
        <source>Tries again for a file whose worker died or that changed while copied</source>
        <translation>工作进程意外退出或文件在复制时被修改时，重试该文件的次数</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="228"/>
        <source>Retries</source>
        <translation>重试次数</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="231"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="232"/>
        <source>no time limit</source>
        <translation>不限时</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="234"/>
        <source>Abandon and fail a file that takes longer than this; 0 means no limit</source>
        <translation>单个文件超过此时长即放弃并记为失败；0 表示不限制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="236"/>
        <source>Time limit per file</source>
        <translation>单文件时限</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="240"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="241"/>
        <source>Clone where the file system can, copy the bytes otherwise</source>
        <translation>文件系统支持时克隆，否则复制字节</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="244"/>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="245"/>
        <source>Clone every plain copy and fail a file that cannot be cloned</source>
        <translation>每个普通复制都克隆，无法克隆的文件记为失败</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="247"/>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="247"/>
        <source>Always copy the bytes</source>
        <translation>总是复制字节</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="254"/>
        <source>Whether plain copies share the source&apos;s blocks instead of copying them, on file systems that can clone files (btrfs, XFS); Always does not go with Verify</source>
        <translation>在支持克隆文件的文件系统（btrfs、XFS）上，普通复制是否与源共享数据块而不复制；“总是”不能与“校验”同时使用</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="258"/>
        <source>Clone instead of copying</source>
        <translation>以克隆代替复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="268"/>
        <source>&amp;Verify each written file</source>
        <translation>校验每个写入的文件(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="269"/>
        <source>Re-read every file from the disk after writing it and compare it</source>
        <translation>每个文件写入后从磁盘重新读取并比对</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="270"/>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="273"/>
        <source>&amp;Dry run (write nothing)</source>
        <translation>试运行（不写入）(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="274"/>
        <source>Report what would be copied without writing anything</source>
        <translation>只报告将要复制的内容，不写入任何文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="275"/>
        <source>Dry run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="278"/>
        <source>Follow symbolic lin&amp;ks</source>
        <translation>跟随符号链接(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="279"/>
        <source>Copy what symbolic links point to instead of the links themselves</source>
        <translation>复制符号链接所指向的内容，而不是链接本身</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="280"/>
        <source>Follow symbolic links</source>
        <translation>跟随符号链接</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="345"/>
        <source>Keep hard links</source>
        <translation>保留硬链接</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="283"/>
        <source>&amp;Flush each file to disk</source>
        <translation>逐个文件写入磁盘(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="284"/>
        <source>Safer against power loss, slower: flush every file before moving on</source>
        <translation>更能防止断电丢失数据，但更慢：每个文件都先写入磁盘再继续</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="285"/>
        <source>Flush each file to disk</source>
        <translation>逐个文件写入磁盘</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="314"/>
        <source>Owner and &amp;group</source>
        <translation>所有者和组(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="316"/>
        <source>Give each copy its source&apos;s owner and group (run as another user than root: only the group, where it is one of yours)</source>
        <translation>让每个副本沿用源的所有者和组（以非 root 用户运行时：仅在该组是你所属的组时沿用组）</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="319"/>
        <source>Keep owner and group</source>
        <translation>保留所有者和组</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="322"/>
        <source>Extended attri&amp;butes</source>
        <translation>扩展属性(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="323"/>
        <source>Copy the extended attributes of files and folders</source>
        <translation>复制文件和文件夹的扩展属性</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="324"/>
        <source>Keep extended attributes</source>
        <translation>保留扩展属性</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="327"/>
        <source>ACLs</source>
        <translation>ACL</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="328"/>
        <source>Copy the POSIX access control lists of files and folders</source>
        <translation>复制文件和文件夹的 POSIX 访问控制列表</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="329"/>
        <source>Keep ACLs</source>
        <translation>保留 ACL</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="332"/>
        <source>Holes in sparse files</source>
        <translation>稀疏文件的空洞</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="334"/>
        <source>Leave the holes of sparse files unwritten in plain copies, so they take no space; unchecked, holes are written as zeros</source>
        <translation>普通复制时不写入稀疏文件的空洞，使其不占空间；不勾选时，空洞写为零</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="337"/>
        <source>Keep holes in sparse files</source>
        <translation>保留稀疏文件的空洞</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="340"/>
        <source>&amp;Hard links</source>
        <translation>硬链接(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="342"/>
        <source>Link the copies of names that share one file, as in the source; unchecked, each name is copied on its own</source>
        <translation>像源中一样，让共享同一文件的各个名称的副本互为硬链接；不勾选时，每个名称单独复制</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="348"/>
        <source>FIFOs and devices</source>
        <translation>FIFO 和设备文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="350"/>
        <source>Recreate FIFOs and device files (devices need root); unchecked, they are skipped</source>
        <translation>重建 FIFO 和设备文件（设备文件需要 root）；不勾选时跳过它们</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="353"/>
        <source>Keep FIFOs and devices</source>
        <translation>保留 FIFO 和设备文件</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="375"/>
        <source>Where from, where to</source>
        <translation>源与目标</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="377"/>
        <source>S&amp;ource:</source>
        <translation>源(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="378"/>
        <source>&amp;Target:</source>
        <translation>目标(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="384"/>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="386"/>
        <source>What to do</source>
        <translation>任务设置</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="393"/>
        <source>&amp;Workers:</source>
        <translation>工作进程(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="396"/>
        <source>Sched&amp;uler:</source>
        <translation>调度器(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="400"/>
        <source>Run o&amp;n:</source>
        <translation>运行于(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="401"/>
        <source>&amp;Include:</source>
        <translation>包含(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="402"/>
        <source>E&amp;xclude:</source>
        <translation>排除(&amp;X)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="405"/>
        <source>Clone instead of cop&amp;ying:</source>
        <translation>以克隆代替复制(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="407"/>
        <source>When a file &amp;exists:</source>
        <translation>文件已存在时(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="410"/>
        <source>&amp;Retries:</source>
        <translation>重试(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="411"/>
        <source>Time li&amp;mit per file:</source>
        <translation>单文件时限(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="415"/>
        <source>Speed &amp;limit:</source>
        <translation>限速(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="425"/>
        <source>Keep:</source>
        <translation>保留：</translation>
    </message>
    <message>
        <location filename="../../gui/job_form.py" line="566"/>
        <source>Choose a source and a target folder.</source>
        <translation>请选择源文件夹和目标文件夹。</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="216"/>
        <source>Path or reason</source>
        <translation>路径或原因</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="218"/>
        <source>Filter problems</source>
        <translation>筛选问题</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="220"/>
        <source>Show only problems whose path or reason contains this text (any case)</source>
        <translation>只显示路径或原因中包含此文本的问题（不区分大小写）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="222"/>
        <source>&amp;Filter:</source>
        <translation>筛选(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="226"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="227"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="228"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="229"/>
        <source>Problem level</source>
        <translation>问题级别</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="230"/>
        <source>Show every problem, only errors, or only warnings</source>
        <translation>显示全部问题、仅错误或仅警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="231"/>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="236"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="237"/>
        <source>Files that failed, and warnings and errors from the run</source>
        <translation>失败的文件，以及本次运行中的警告和错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="251"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="256"/>
        <source>Problem count</source>
        <translation>问题数量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="257"/>
        <source>How many errors and warnings the run reported</source>
        <translation>本次运行报告的错误和警告数量</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="259"/>
        <source>&amp;Retry failed files</source>
        <translation>重试失败的文件(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="260"/>
        <source>Retry failed files</source>
        <translation>重试失败的文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="261"/>
        <source>Run the job again for the files that failed only</source>
        <translation>仅对失败的文件重新运行任务</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="263"/>
        <source>&amp;Open target folder</source>
        <translation>打开目标文件夹(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="264"/>
        <source>Open target folder</source>
        <translation>打开目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="265"/>
        <source>Show the target folder in the file manager</source>
        <translation>在文件管理器中显示目标文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="327"/>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="328"/>
        <source>modification time</source>
        <translation>修改时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="329"/>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="330"/>
        <source>made by other stages</source>
        <translation>由其他阶段生成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="331"/>
        <source>owner, mode or attributes</source>
        <translation>所有者、权限或属性</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="332"/>
        <source>kind of entry</source>
        <translation>条目类型</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="338"/>
        <source>{detail} (in the target: {output})</source>
        <translation>{detail}（目标中为：{output}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="341"/>
        <source>in the target: {output}</source>
        <translation>目标中为：{output}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="375"/>
        <source>%n error</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="375"/>
        <source>%n errors</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="378"/>
        <source>%n warning</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="380"/>
        <source>%n warnings</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="383"/>
        <source>{errors}, {warnings}</source>
        <translation>{errors}，{warnings}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="391"/>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="395"/>
        <source>%n difference</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/log_panel.py" line="397"/>
        <source>%n differences</source>
        <translation>
            <numerusform>%n 处差异</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="400"/>
        <source>{problems}, {differences}</source>
        <translation>{problems}，{differences}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="58"/>
        <source>Conveyor</source>
        <translation>Conveyor</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="113"/>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="108"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="112"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="140"/>
        <source>&amp;Workers</source>
        <translation>工作进程(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="141"/>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="142"/>
        <source>Workers and log</source>
        <translation>工作进程和日志</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="91"/>
        <source>The system&apos;s load average and free memory</source>
        <translation>系统平均负载和可用内存</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="95"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="97"/>
        <source>&amp;Open job…</source>
        <translation>打开任务(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="100"/>
        <source>&amp;Save job…</source>
        <translation>保存任务(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="103"/>
        <source>&amp;Copy command line</source>
        <translation>复制命令行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="106"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="107"/>
        <source>&amp;Job</source>
        <translation>任务(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="110"/>
        <source>&amp;Pause / Resume</source>
        <translation>暂停/继续(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="116"/>
        <source>C&amp;ompare source and target</source>
        <translation>比较源和目标(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="120"/>
        <source>List what the target lacks, holds in another version, or holds besides, as a run of the job sees them; nothing is written</source>
        <translation>按任务运行时的方式，列出目标缺少的、版本不同的和多出的内容；不写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="202"/>
        <location filename="../../gui/main_window.py" line="212"/>
        <source>Open job</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="202"/>
        <location filename="../../gui/main_window.py" line="223"/>
        <source>Job files (*.toml)</source>
        <translation>任务文件 (*.toml)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="220"/>
        <location filename="../../gui/main_window.py" line="223"/>
        <location filename="../../gui/main_window.py" line="232"/>
        <source>Save job</source>
        <translation>保存任务</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="241"/>
        <source>Command line copied to the clipboard</source>
        <translation>命令行已复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="275"/>
        <source>Cancel the running job?</source>
        <translation>要取消正在运行的任务吗？</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="277"/>
        <source>A job is still running. Cancel it and quit? Files being written are removed; finished files stay.</source>
        <translation>任务仍在运行。要取消任务并退出吗？正在写入的文件会被删除，已完成的文件会保留。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="292"/>
        <source>Load {load:.2f} · {free} free</source>
        <translation>负载 {load:.2f} · 可用 {free}</translation>
    </message>
</context>
<context>
    <name>OptionForm</name>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="43"/>
        <source>all files</source>
        <translation>所有文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="45"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="90"/>
        <source>{help}

Type: {type}</source>
        <translation>{help}

类型：{type}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/option_form.py" line="96"/>
        <source>{name}:</source>
        <translation>{name}：</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../gui/preview_dialog.py" line="68"/>
        <source>The preview failed unexpectedly: {error}</source>
        <translation>预览意外失败：{error}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="80"/>
        <location filename="../../gui/preview_dialog.py" line="84"/>
        <source>{0} ms</source>
        <translation>{0} 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="86"/>
        <source>{0} s</source>
        <translation>{0} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="93"/>
        <source>{0} h {1} min</source>
        <translation>{0} 小时 {1} 分钟</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="94"/>
        <source>{0} min {1} s</source>
        <translation>{0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="116"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="121"/>
        <source>The stage chain runs on a few sample files from the source, into a temporary folder; nothing is written to the target.</source>
        <translation>阶段链会在源中的少量样本文件上运行，输出到临时文件夹；不会向目标写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="130"/>
        <source>Preview status</source>
        <translation>预览状态</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="131"/>
        <source>What the preview is doing, or why it stopped</source>
        <translation>预览正在进行的操作，或停止的原因</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="136"/>
        <source>Preview running</source>
        <translation>预览进行中</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="137"/>
        <source>The preview is scanning the source and trying samples</source>
        <translation>预览正在扫描源并试运行样本</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="145"/>
        <source>Sample file</source>
        <translation>样本文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="146"/>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="147"/>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="148"/>
        <source>Ratio</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="149"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="150"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="163"/>
        <source>Sample files</source>
        <translation>样本文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="166"/>
        <source>Each sample&apos;s size before and after the stages, output size as a share of the input, the time it took, and any error</source>
        <translation>每个样本经过各阶段前后的大小、输出占输入的比例、所用时间以及出现的错误</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="170"/>
        <source>&amp;Samples:</source>
        <translation>样本(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="174"/>
        <source>Files in the job</source>
        <translation>任务中的文件</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="174"/>
        <source>Files and bytes the job would copy</source>
        <translation>任务将复制的文件数和字节数</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="177"/>
        <source>Estimated time</source>
        <translation>预计用时</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="179"/>
        <source>A rough guess at the whole job&apos;s duration from the samples&apos; speed; it assumes the samples are typical, and plain copies depend mostly on the disks</source>
        <translation>根据样本的处理速度粗略估算整个任务的用时；假定样本具有代表性，而普通复制的速度主要取决于磁盘</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="185"/>
        <source>Files in the job:</source>
        <translation>任务中的文件：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="186"/>
        <source>Estimated time:</source>
        <translation>预计用时：</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="229"/>
        <source>Scanning the source and trying the stages on sample files…</source>
        <translation>正在扫描源，并在样本文件上试运行各阶段…</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="244"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="245"/>
        <source>Cancel the preview</source>
        <translation>取消预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="246"/>
        <source>Stop the preview and close this window</source>
        <translation>停止预览并关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="248"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="249"/>
        <source>Close the preview</source>
        <translation>关闭预览</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="250"/>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="257"/>
        <source>The preview could not run: {reason}</source>
        <translation>预览无法运行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="272"/>
        <source>{files} files, {size}</source>
        <translation>{files} 个文件，{size}</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="281"/>
        <source>The source holds no files the job would copy.</source>
        <translation>源中没有此任务会复制的文件。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="284"/>
        <source>{failed} of {count} samples failed; see the Error column.</source>
        <translation>{count} 个样本中有 {failed} 个失败；请查看“错误”列。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="287"/>
        <source>Every sample went through the stages.</source>
        <translation>所有样本都已顺利通过各阶段。</translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="291"/>
        <source>No estimate: no sample with data went through the stages</source>
        <translation>无法估算：没有含数据的样本通过各阶段</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="295"/>
        <source>Under a second with %n worker</source>
        <translation>
            <numerusform>不到 1 秒（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="296"/>
        <source>Under a second with %n workers</source>
        <translation>
            <numerusform>不到 1 秒（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="299"/>
        <source>About {duration} with %n worker</source>
        <translation>
            <numerusform>约 {duration}（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/preview_dialog.py" line="300"/>
        <source>About {duration} with %n workers</source>
        <translation>
            <numerusform>约 {duration}（%n 个工作进程）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/preview_dialog.py" line="306"/>
        <source>{path}
written as {output}</source>
        <translation>{path}
输出为 {output}</translation>
    </message>
</context>
<context>
    <name>ProblemModel</name>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="94"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="95"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="96"/>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="97"/>
        <source>Changed</source>
        <translation>不同</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="98"/>
        <source>Extra</source>
        <translation>多余</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="99"/>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="101"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="101"/>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/log_panel.py" line="101"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="39"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="39"/>
        <source>What the job is doing: scanning, paused or finished</source>
        <translation>任务当前的状态：扫描中、已暂停或已完成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="48"/>
        <source>Overall progress</source>
        <translation>总进度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="49"/>
        <source>Share of all bytes dealt with: copied, skipped or failed</source>
        <translation>已处理（复制、跳过或失败）的字节占总量的比例</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="52"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="52"/>
        <source>Files dealt with out of all found so far</source>
        <translation>已处理的文件数 / 目前已发现的文件总数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="55"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="55"/>
        <source>Bytes dealt with out of all found so far</source>
        <translation>已处理的字节数 / 目前已发现的字节总数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="58"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="58"/>
        <source>Bytes copied per second, measured over the last moments</source>
        <translation>最近一小段时间内每秒复制的字节数</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="61"/>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="61"/>
        <source>Estimated time until the job is done</source>
        <translation>预计完成任务还需的时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="64"/>
        <source>Elapsed</source>
        <translation>已用时间</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="64"/>
        <source>Time since the job started, pauses included</source>
        <translation>自任务开始以来的时间（含暂停）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="71"/>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="72"/>
        <source>Data:</source>
        <translation>数据：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="73"/>
        <source>Speed:</source>
        <translation>速度：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="74"/>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="75"/>
        <source>Elapsed:</source>
        <translation>已用时间：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="101"/>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="116"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="118"/>
        <source>Scanning and copying…</source>
        <translation>正在扫描并复制…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="120"/>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="129"/>
        <location filename="../../gui/widgets/progress_panel.py" line="210"/>
        <source>{done} of {total}+</source>
        <translation>{done} / {total}+</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="135"/>
        <location filename="../../gui/widgets/progress_panel.py" line="215"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="150"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/progress_panel.py" line="157"/>
        <source>Finished; %n files failed</source>
        <translation>
            <numerusform>已完成；%n 个文件失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../gui/widgets/progress_panel.py" line="159"/>
        <source>Finished; %n file failed</source>
        <translation>
            <numerusform>已完成；%n 个文件失败</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="162"/>
        <source>Dry run finished; nothing was written</source>
        <translation>试运行完成；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="164"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="170"/>
        <source>{size} to copy</source>
        <translation>待复制 {size}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="174"/>
        <source>{size} copied</source>
        <translation>已复制 {size}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="177"/>
        <source>{rate} on average</source>
        <translation>平均 {rate}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="206"/>
        <source>{done} of {total}+ ({skipped} skipped, {failed} failed)</source>
        <translation>{done} / {total}+（跳过 {skipped}，失败 {failed}）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/progress_panel.py" line="212"/>
        <source>{done} of {total} ({skipped} skipped, {failed} failed)</source>
        <translation>{done} / {total}（跳过 {skipped}，失败 {failed}）</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <location filename="../../gui/controller.py" line="81"/>
        <source>Pre&amp;view…</source>
        <translation>预览(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="83"/>
        <source>Run the stages on a few sample files and estimate the whole job</source>
        <translation>在少量样本文件上试运行各阶段，并估算整个任务</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="85"/>
        <source>&amp;Start</source>
        <translation>开始(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="87"/>
        <source>Start copying (Ctrl+Return)</source>
        <translation>开始复制（Ctrl+回车）</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="88"/>
        <location filename="../../gui/controller.py" line="252"/>
        <location filename="../../gui/controller.py" line="262"/>
        <location filename="../../gui/controller.py" line="296"/>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="89"/>
        <source>Pause or resume the running job (Ctrl+P)</source>
        <translation>暂停或继续正在运行的任务（Ctrl+P）</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="90"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="92"/>
        <source>Stop the job; files being written are removed, finished ones stay</source>
        <translation>停止任务；正在写入的文件会被删除，已完成的文件会保留</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="98"/>
        <source>Why the job cannot start</source>
        <translation>任务无法开始的原因</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="106"/>
        <source>Job summary</source>
        <translation>任务摘要</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="225"/>
        <source>Dry run: finding what the job would delete or move…</source>
        <translation>试运行：正在查找任务将删除或移动的内容…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="236"/>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="254"/>
        <location filename="../../gui/controller.py" line="263"/>
        <source>Copying…</source>
        <translation>正在复制…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="267"/>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="268"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="274"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="295"/>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="303"/>
        <source>Cancelled. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已取消。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="308"/>
        <source>Finished with failures. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已完成，但有文件失败。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="313"/>
        <source>Done. {done} copied, {updated} metadata updated, {skipped} skipped, {failed} failed; {size} in {time} ({rate}).</source>
        <translation>已完成。已复制 {done} 个，更新元数据 {updated} 个，跳过 {skipped} 个，失败 {failed} 个；{time} 内处理 {size}（{rate}）。</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="329"/>
        <source>The job could not run: {reason}</source>
        <translation>任务无法运行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="362"/>
        <source>Comparing the source and the target…</source>
        <translation>正在比较源和目标…</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="373"/>
        <source>The comparison could not run: {reason}</source>
        <translation>比较无法进行：{reason}</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="380"/>
        <source>{count} missing</source>
        <translation>缺少 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="381"/>
        <source>{count} changed</source>
        <translation>不同 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="382"/>
        <source>{count} extra</source>
        <translation>多余 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="383"/>
        <source>{count} unreadable</source>
        <translation>无法读取 {count} 个</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="393"/>
        <source>The target matches the source: no differences; {matching} matching</source>
        <translation>目标与源一致：没有差异；{matching} 个相同</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="395"/>
        <source>{found}; {matching} matching</source>
        <translation>{found}；{matching} 个相同</translation>
    </message>
    <message>
        <location filename="../../gui/controller.py" line="396"/>
        <source>, </source>
        <translation>，</translation>
    </message>
</context>
<context>
    <name>StageChainEditor</name>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="86"/>
        <source>Stage chain</source>
        <translation>阶段链</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="89"/>
        <source>Every file goes through these stages, top to bottom.
Delete removes the selected stage; Ctrl+Up and Ctrl+Down move it.</source>
        <translation>每个文件按从上到下的顺序经过这些阶段。
按 Delete 移除所选阶段；按 Ctrl+↑ 和 Ctrl+↓ 移动它。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="95"/>
        <source>St&amp;ages, in order:</source>
        <translation>阶段（按顺序）(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="106"/>
        <source>Add stage</source>
        <translation>添加阶段</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="106"/>
        <source>Add a stage after the selected one</source>
        <translation>在所选阶段之后添加一个阶段</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="110"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="110"/>
        <source>Remove the selected stage (Delete)</source>
        <translation>移除所选阶段（Delete）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="114"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="114"/>
        <source>Move the selected stage up (Ctrl+Up)</source>
        <translation>将所选阶段上移（Ctrl+↑）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="119"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="120"/>
        <source>Move the selected stage down (Ctrl+Down)</source>
        <translation>将所选阶段下移（Ctrl+↓）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="167"/>
        <source>Stage {position} ({name}): {problem}</source>
        <translation>第 {position} 个阶段（{name}）：{problem}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/stage_editor.py" line="263"/>
        <source>Example: --stage {example}</source>
        <translation>示例：--stage {example}</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="37"/>
        <source>Throughput chart</source>
        <translation>速度图表</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="38"/>
        <source>Copy speed over the recent part of the run</source>
        <translation>本次运行最近一段时间的复制速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="68"/>
        <source>No throughput measured yet</source>
        <translation>尚未测得速度</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="71"/>
        <source>Current {current}, highest {peak}</source>
        <translation>当前 {current}，最高 {peak}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="93"/>
        <source>max {rate}</source>
        <translation>最高 {rate}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/throughput_chart.py" line="96"/>
        <source>No data yet</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>WorkerTable</name>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="55"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="56"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="57"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="58"/>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="59"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="60"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="63"/>
        <source>Worker processes</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="65"/>
        <source>Each worker process of this job: its state, CPU use, memory and file</source>
        <translation>此任务的各个工作进程：状态、CPU 占用、内存和当前文件</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="80"/>
        <source>Process id (on its own machine, for a worker on another computer)</source>
        <translation>进程 ID（其他计算机上的工作进程为其所在机器上的 ID）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="81"/>
        <source>Running, sleeping, waiting for the disk, stopped, or zombie</source>
        <translation>运行中、休眠、等待磁盘、已停止或僵尸</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="82"/>
        <source>CPU use over the last second; 100% is one full core</source>
        <translation>最近一秒的 CPU 占用；100% 表示占满一个核心</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="83"/>
        <source>Resident memory (RSS)</source>
        <translation>常驻内存（RSS）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="84"/>
        <source>The file the worker is on, or idle</source>
        <translation>工作进程正在处理的文件，或“空闲”</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="85"/>
        <source>The computer a worker of a Dask cluster runs on; empty for this one</source>
        <translation>Dask 集群工作进程所在的计算机；本机则为空</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="122"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="124"/>
        <source>{file} (no progress for {seconds} s)</source>
        <translation>{file}（已 {seconds} 秒无进展）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="142"/>
        <source>Process {pid} on {host}; its state, CPU and memory are not read from here</source>
        <translation>{host} 上的进程 {pid}；无法从本机读取其状态、CPU 和内存</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="173"/>
        <location filename="../../gui/widgets/worker_table.py" line="193"/>
        <source>zombie</source>
        <translation>僵尸</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="175"/>
        <location filename="../../gui/widgets/worker_table.py" line="195"/>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="185"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="187"/>
        <source>sleeping</source>
        <translation>休眠</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="189"/>
        <source>disk wait</source>
        <translation>等待磁盘</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/worker_table.py" line="191"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
</TS>
